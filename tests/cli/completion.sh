#!/bin/bash
# completion.sh: the bash completion offers each tool's own options and the detector ids.
[ -n "$BASH_VERSION" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
PATH=$top_builddir:$PATH
. "$top_srcdir/completion/ungarble.bash"
compopt() { :; }    # only meaningful inside a real completion
complete_words() {  # complete_words WORD...: prints the candidates for the last word
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMPREPLY=()
    _ungarble
    printf '%s\n' "${COMPREPLY[@]}"
}
check_eq "normalize --no-<TAB>" "--no-entities --no-map --no-mojibake" \
    "$(complete_words normalize --no- | sort | tr '\n' ' ' | sed 's/ $//')"
check_eq "score --by=<TAB>" "--by=doc --by=record" "$(complete_words score --by= | sort | tr '\n' ' ' | sed 's/ $//')"
check_eq "detect-mt-artifacts --enable=glued_words,stray<TAB>" "--enable=glued_words,stray_period" \
    "$(complete_words detect-mt-artifacts --enable=glued_words,stray)"
check_eq "detect-mt-artifacts --format=<TAB> offers diag" "--format=diag --format=jsonl" \
    "$(complete_words detect-mt-artifacts --format= | sort | tr '\n' ' ' | sed 's/ $//')"
check_eq "segment --rul<TAB>" "--rules=" "$(complete_words segment --rul)"
finish
