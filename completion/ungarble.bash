# ungarble.bash: bash completion for normalize, segment, detect-mt-artifacts and score.
# The options come from the tool's own --help, so they never drift; detector
# ids for --enable/--disable come from detect-mt-artifacts --list.

_ungarble()
{
    local cur prev words cword
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    local tool=${COMP_WORDS[0]}
    case $cur in
    --enable=*|--disable=*)
        local ids
        ids=$(detect-mt-artifacts --list 2>/dev/null | cut -f1)
        local pre=${cur%%=*}= val=${cur#*=}
        local done_part=${val%,*}
        [ "$done_part" = "$val" ] && done_part= || done_part=$done_part,
        COMPREPLY=($(compgen -P "$pre$done_part" -W "$ids" -- "${val##*,}"))
        return ;;
    --format=*)
        local fmts
        case $tool in
        *score) fmts="jsonl text tsv diag features" ;;
        *) fmts="jsonl diag" ;;
        esac
        COMPREPLY=($(compgen -P "--format=" -W "$fmts" -- "${cur#--format=}"))
        return ;;
    --color=*) COMPREPLY=($(compgen -P "--color=" -W "auto always never" -- "${cur#--color=}")); return ;;
    --by=*) COMPREPLY=($(compgen -P "--by=" -W "record doc" -- "${cur#--by=}")); return ;;
    --newlines=*) COMPREPLY=($(compgen -P "--newlines=" -W "hard soft" -- "${cur#--newlines=}")); return ;;
    --rules=*) COMPREPLY=($(compgen -P "--rules=" -W "news uax29" -- "${cur#--rules=}")); return ;;
    --lang=*) COMPREPLY=($(compgen -P "--lang=" -W "en es fr de" -- "${cur#--lang=}")); return ;;
    --invalid=*) COMPREPLY=($(compgen -P "--invalid=" -W "replace fail" -- "${cur#--invalid=}")); return ;;
    --rejects=*|--weights=*|--report=*)
        COMPREPLY=($(compgen -P "${cur%%=*}=" -f -- "${cur#*=}"))
        return ;;
    -*)
        local opts
        opts=$("$tool" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*=?' | sort -u)
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        [ ${#COMPREPLY[@]} -eq 1 ] && [ "${COMPREPLY[0]%=}" != "${COMPREPLY[0]}" ] && compopt -o nospace 2>/dev/null
        return ;;
    esac
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _ungarble normalize segment detect-mt-artifacts score
