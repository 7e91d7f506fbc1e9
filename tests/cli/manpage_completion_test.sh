#!/usr/bin/env bash
# The man page holds every command's help; bash completion offers commands and options.
# usage: manpage_completion_test.sh crmrules.1 DIR-OF-crmrules crmrules.bash
set -euo pipefail
page=$1 bindir=$2 completion=$3
grep -q '^\.TH CRMRULES 1' "$page"
commands=$("$bindir/crmrules" --help | sed -n 's/^  \([a-z-]*\)  .*/\1/p')
for c in $commands; do grep -q "^\.SS $c\$" "$page" || { echo "man page lacks $c"; exit 1; }; done
PATH="$bindir:$PATH"
# shellcheck disable=SC1090
. "$completion"
COMP_WORDS=(crmrules gr); COMP_CWORD=1; _crmrules
[ "${COMPREPLY[*]}" = grade ] || { echo "completes 'gr' to '${COMPREPLY[*]}'"; exit 1; }
COMP_WORDS=(crmrules grade --pl); COMP_CWORD=2; _crmrules
[ "${COMPREPLY[*]}" = --plot ] || { echo "completes 'grade --pl' to '${COMPREPLY[*]}'"; exit 1; }
COMP_WORDS=(crmrules lint --fo); COMP_CWORD=2; _crmrules
[ "${COMPREPLY[*]}" = --format ] || { echo "completes 'lint --fo' to '${COMPREPLY[*]}'"; exit 1; }
echo "man page: $(echo $commands | wc -w) commands; completion ok"
