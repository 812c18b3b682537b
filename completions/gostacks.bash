# bash completion for gostacks.
# Commands, options and each command's formats come from `gostacks help` itself, so they
# never drift from the binary; profile words and --by keys are listed here.
_gostacks()
{
	local cur prev cmd i words_help
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done

	case $prev in
	-p|--profile)
		COMPREPLY=($(compgen -W 'goroutine goroutine1 heap allocs mutex block threadcreate' -- "$cur"))
		return ;;
	--format)
		# the formats the command takes, from the first line of its --format help
		local formats
		formats=$({ gostacks help "${cmd:-summary}" || gostacks help summary; } 2>/dev/null |
			sed -n 's/^ *--format FORMAT *//p' | sed -e 's/ (default)//' -e 's/,//g' -e 's/ or / /')
		COMPREPLY=($(compgen -W "$formats" -- "$cur"))
		return ;;
	--color)
		COMPREPLY=($(compgen -W 'auto always never' -- "$cur"))
		return ;;
	--where)
		COMPREPLY=($(compgen -W 'user runtime' -- "$cur"))
		return ;;
	--sort)
		COMPREPLY=($(compgen -W 'count wait where state' -- "$cur"))
		return ;;
	--by)
		local keys='source dump state wait wait=exact where func stack creator labels label:'
		local head=${cur%,*} 
		if [[ $cur == *,* ]]; then
			COMPREPLY=($(compgen -P "$head," -W "$keys" -- "${cur##*,}"))
		else
			COMPREPLY=($(compgen -W "$keys" -- "$cur"))
		fi
		compopt -o nospace 2>/dev/null
		return ;;
	--value)
		COMPREPLY=($(compgen -W 'inuse_space inuse_objects alloc_space alloc_objects delay contentions count' -- "$cur"))
		return ;;
	-o|--output|--cacert|-f|--file)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	esac

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '--color= --strict --wide --version --help' -- "$cur"))
		else
			local cmds
			cmds=$(gostacks --help 2>/dev/null | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')
			COMPREPLY=($(compgen -W "$cmds help" -- "$cur") $(compgen -f -- "$cur"))
		fi
		return
	fi
	if [[ $cmd == help ]]; then
		COMPREPLY=($(compgen -W "$(gostacks --help 2>/dev/null | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')" -- "$cur"))
		return
	fi
	if [[ $cur == -* ]]; then
		words_help=$(gostacks help "$cmd" 2>/dev/null | grep -oE -- '(^|[ [,])--?[a-zA-Z][-a-zA-Z]*' | tr -d ' [,' | sort -u)
		COMPREPLY=($(compgen -W "$words_help" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _gostacks gostacks
