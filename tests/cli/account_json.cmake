# crmrules account --format json: the output is one JSON object that CMake's own parser
# reads, with the customer, the nine clarities and a count of the known ones.
#   cmake -DCLI=crmrules -DACCOUNT=account.json -DCUSTOMER=name -P account_json.cmake
execute_process(COMMAND ${CLI} account ${ACCOUNT} --format json
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "exit status ${status}\n${out}${err}")
endif()
string(JSON customer ERROR_VARIABLE bad GET "${out}" customer)
if(bad)
  message(FATAL_ERROR "the output is not a plan's JSON (${bad}):\n${out}")
endif()
if(NOT customer STREQUAL CUSTOMER)
  message(FATAL_ERROR "customer is '${customer}', expected '${CUSTOMER}'")
endif()
string(JSON clarities LENGTH "${out}" clarities)
string(JSON known GET "${out}" clarities_known)
string(JSON first_id GET "${out}" clarities 0 id)
string(JSON first_zh GET "${out}" clarities 0 name zh)
string(JSON actions LENGTH "${out}" next_actions)
if(NOT clarities EQUAL 9 OR known GREATER 9 OR actions EQUAL 0 OR first_id STREQUAL "" OR first_zh STREQUAL "")
  message(FATAL_ERROR "clarities ${clarities}, known ${known}, next actions ${actions}:\n${out}")
endif()
message("${customer}: ${known} of ${clarities} clarities known, ${actions} next actions")
