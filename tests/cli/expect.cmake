# Runs one crmrules command and checks its exit status and output.
#   cmake -DCOMMAND="a;b;c" -DSTATUS=0 -DEXPECT=regex [-DREJECT=regex] [-DINPUT=FILE] [-DSTDOUT=regex]
#         -P expect.cmake
# INPUT is piped to standard input (/dev/null: nothing piped); STDOUT must match stdout alone.
if(NOT DEFINED INPUT)
  set(INPUT /dev/null)
endif()
execute_process(COMMAND ${COMMAND} INPUT_FILE ${INPUT} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
if(NOT status EQUAL STATUS)
  message(FATAL_ERROR "exit status ${status}, expected ${STATUS}\n${all}")
endif()
if(NOT all MATCHES "${EXPECT}")
  message(FATAL_ERROR "output does not match '${EXPECT}':\n${all}")
endif()
if(DEFINED REJECT AND all MATCHES "${REJECT}")
  message(FATAL_ERROR "output matches '${REJECT}':\n${all}")
endif()
if(DEFINED STDOUT AND NOT out MATCHES "${STDOUT}")
  message(FATAL_ERROR "stdout does not match '${STDOUT}':\n${out}\n(stderr: ${err})")
endif()
message("${all}")
