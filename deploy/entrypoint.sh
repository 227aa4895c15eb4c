#!/bin/sh
# Runs sdedsl with the container's arguments. A worker given no --address announces the container's own address
# (the first of `hostname -i`): other workers and clients reach it there, not on the loopback.
set -e
if [ "$1" = worker ]; then
  case " $* " in
    *" --address "*) ;;
    *) shift; set -- worker --address "$(hostname -i | cut -d' ' -f1)" "$@" ;;
  esac
fi
exec dotnet /app/SdeDsl.Cli.dll "$@"
