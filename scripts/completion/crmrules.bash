# bash completion for crmrules: the commands and each command's options come from the
# command's own help (crmrules --help, crmrules COMMAND --help), so they never drift.
_crmrules() {
  local cur=${COMP_WORDS[COMP_CWORD]} cmd=${COMP_WORDS[1]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$(crmrules --help 2>/dev/null | sed -n 's/^  \([a-z-]*\)  .*/\1/p') --help --version" -- "$cur"))
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(crmrules "$cmd" --help 2>/dev/null | grep -o -- '--[a-z-]*' | sort -u) --help" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o filenames -F _crmrules crmrules
