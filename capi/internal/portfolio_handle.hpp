// Private to capi/: what a crm_portfolio handle holds (capi/portfolio.cpp,
// capi/portfolio_classes.cpp), and the caller's crm_portfolio_options read (capi/grade.cpp
// takes them too). One definition for the whole library.
#pragma once

#include "crmrules.h"
#include "crmrules/portfolio.hpp"

struct crm_portfolio {
  crm::Portfolio portfolio;
};

namespace crm::capi {

/// The caller's options (argument `name`; NULL or a NULL member: its default) as the
/// library's; an invalid_argument error for a bad size or decimal. Their ranges are
/// checked where they are used.
crm_status portfolio_options(PortfolioOptions& out, const crm_portfolio_options* options, const char* name,
                             crm_error** err);

}  // namespace crm::capi
