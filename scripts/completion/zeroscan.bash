# bash completion for zeroscan: subcommands, options, and the values options
# take (files, interfaces, fixed words). Installed as
# share/bash-completion/completions/zeroscan; to try it from the source
# tree: source scripts/completion/zeroscan.bash
# The option lists mirror src/cli/scan_options.cpp and the subcommands'
# parsers; tests/unit/output/docs_coverage_test.cpp checks that every
# scan option is listed here.

_zeroscan_scan_options="-p --ports --top-ports -iL --input-list --exclude --excludefile --allow-reserved -6 --ipv6 --huge-ipv6-sweep
  --rate --retries --wait --seed --shard --shard-count -e --interface -S --source-ip
  --source-port --router-mac --ttl -sS --syn -sA --ack -sZ --port0 -O --os --os-rto --os-db
  --resume --resume-file --pcap -oN --output-normal -oJ --output-json -oX --output-xml
  -oG --output-grepable -oC --output-csv -oA --output-all --open -v --verbose --dry-run -y --yes
  --responders-only --sender-threads --all-states --config -Pn --no-ping -n --no-resolve
  -T --timing -T0 -T1 -T2 -T3 -T4 -T5 --min-rate --max-rate --max-retries -F --fast -g
  --exclude-ports --stats-every --append-output --reason --packet-trace -sL --list
  -sn --ping-scan --discover -PE --ping-echo -PS --ping-syn -PA --ping-ack --version -h --help"
_zeroscan_output_options="-oN --output-normal -oJ --output-json -oX --output-xml
  -oG --output-grepable -oC --output-csv -oA --output-all"

_zeroscan() {
  local cur prev words cword
  if declare -F _init_completion >/dev/null; then
    _init_completion || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  local command=scan
  if [ "$cword" -gt 1 ]; then
    case "${words[1]}" in
      ports | local | merge | analyze | fingerprint) command=${words[1]} ;;
    esac
  fi

  # Values of the option just typed.
  case "$prev" in
    -oN | --output-normal | -oJ | --output-json | -oX | --output-xml | -oG | --output-grepable | \
      -oC | --output-csv | -oA | --output-all | -iL | --input-list | --excludefile | --resume | \
      --resume-file | --pcap | --config | --db | --os-db)
      COMPREPLY=($(compgen -f -- "$cur"))
      compopt -o filenames 2>/dev/null
      return
      ;;
    -T | --timing)
      COMPREPLY=($(compgen -W "0 1 2 3 4 5 paranoid sneaky polite normal aggressive insane" -- "$cur"))
      return
      ;;
    -e | --interface)
      COMPREPLY=($(compgen -W "$(ls /sys/class/net 2>/dev/null)" -- "$cur"))
      return
      ;;
    --shard)
      COMPREPLY=($(compgen -W "auto 0/2 0/4 0/8" -- "$cur"))
      return
      ;;
    --class)
      [ "$command" = ports ] && COMPREPLY=($(compgen -W "well-known registered dynamic" -- "$cur"))
      return
      ;;
    --proto)
      [ "$command" = ports ] && COMPREPLY=($(compgen -W "tcp udp" -- "$cur"))
      return
      ;;
    -p | --ports | --exclude | --rate | --retries | --wait | --seed | --shard-count | -S | \
      --source-ip | --source-port | --router-mac | --ttl | --sender-threads | --top | --top-ports | --allow | \
      --min-rate | --max-rate | --max-retries | -g | --exclude-ports | --stats-every | --learn | --family | \
      --device | --id | --samples)
      return  # a value only the user knows
      ;;
  esac

  case "$command" in
    ports)
      COMPREPLY=($(compgen -W "--trojans --class --proto --top --json --help" -- "$cur"))
      ;;
    local)
      COMPREPLY=($(compgen -W "--json --allow --help" -- "$cur"))
      ;;
    merge)
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$_zeroscan_output_options --open --reason --help" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur"))
        compopt -o filenames 2>/dev/null
      fi
      ;;
    fingerprint)
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "--learn --family --device --id --db --samples $_zeroscan_scan_options" -- "$cur"))
      fi
      ;;
    analyze)
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$_zeroscan_output_options --open --reason --help" -- "$cur"))
      else
        COMPREPLY=($(compgen -f -X '!*.pcap' -- "$cur") $(compgen -d -- "$cur"))
        compopt -o filenames 2>/dev/null
      fi
      ;;
    scan)
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$_zeroscan_scan_options" -- "$cur"))
      elif [ "$cword" = 1 ]; then
        COMPREPLY=($(compgen -W "ports local merge analyze fingerprint" -- "$cur"))
      fi
      ;;
  esac
}
complete -F _zeroscan zeroscan
