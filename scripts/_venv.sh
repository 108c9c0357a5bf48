# Sourced by the other scripts: make sure .venv exists and has what setup.cfg asks for.
# Reinstalls only when setup.cfg or pyproject.toml changed since the last install.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))'; then
  echo "ProfileRepo needs Python 3.11 or newer; found $("$PYTHON" --version)" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $("$PYTHON" --version) ..."
  "$PYTHON" -m venv .venv
fi
# PROFILEREPO_EXTRAS: what beyond the application to install ("test" for scripts/test;
# empty for scripts/serve, which needs only the application). An install with the test
# tools serves the application too.
EXTRAS="${PROFILEREPO_EXTRAS-test}"
STAMP=".venv/.profilerepo-installed${EXTRAS:+-$EXTRAS}"
if [ -z "$EXTRAS" ] && [ -f .venv/.profilerepo-installed-test ] && \
   ! [ setup.cfg -nt .venv/.profilerepo-installed-test ] && \
   ! [ pyproject.toml -nt .venv/.profilerepo-installed-test ]; then
  STAMP=.venv/.profilerepo-installed-test
fi
if [ ! -f "$STAMP" ] || [ setup.cfg -nt "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  echo "Installing ProfileRepo ${EXTRAS:+with its $EXTRAS tools }into .venv ..."
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${EXTRAS:+[$EXTRAS]}"
  touch "$STAMP"
fi
export PATH="$ROOT/.venv/bin:$PATH"
