// Private to capi/: what a crm_portfolio handle holds (capi/portfolio.cpp,
// capi/portfolio_classes.cpp). One definition for the whole library.
#pragma once

#include "crmrules/portfolio.hpp"

struct crm_portfolio {
  crm::Portfolio portfolio;
};
