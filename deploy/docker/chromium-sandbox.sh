# Sourced by Debian's /usr/bin/chromium wrapper (/etc/chromium.d/). Chromium's own sandbox needs
# user namespaces, which Docker's default seccomp profile may refuse: then Chromium does not start
# and every check ends as a named scanner error. Prefer allowing them (README: "Vận hành",
# Docker); DVC_MONITOR_CHROMIUM_NO_SANDBOX=1 turns the sandbox off instead, knowingly: a hostile
# page then has only the container between it and the store.
if [ "${DVC_MONITOR_CHROMIUM_NO_SANDBOX:-0}" = 1 ]; then
  export CHROMIUM_FLAGS="$CHROMIUM_FLAGS --no-sandbox"
fi
