#!/usr/bin/env bash
# Materializes every pinned repository of repos.json into a temp folder, from
# the snapshots that the search tool's `fetch` leaves under $MIRRORS
# (default /work/.mirror/<owner>+<name>/repo), and removes the agent files
# (AGENTS.md, CLAUDE.md, GEMINI.md, Cursor / Copilot / Claude / .agents
# folders) from the index and the work tree, so the generator never sees
# them. The maintainers' file is first copied to <out>/<name>.agents.md.
#
# usage: materialize.sh <out-dir> [name...]
# The repositories never enter this repository: only their list is committed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:?usage: materialize.sh <out-dir> [name...]}"
shift
mirrors="${MIRRORS:-/work/.mirror}"
mkdir -p "$out"
only=" $* "
node -e 'for (const r of require(process.argv[1])) console.log([r.name, r.repo, r.commit, r.agentFile].join(" "))' \
  "$here/repos.json" |
  while read -r name repo commit agent; do
    if [ -n "$*" ] && [[ "$only" != *" $name "* ]]; then continue; fi
    gitdir="$mirrors/${repo/\//+}/repo"
    if [ ! -d "$gitdir" ]; then
      echo "missing snapshot for $repo ($gitdir): fetch it with the search tool" >&2
      exit 1
    fi
    dest="$out/$name"
    rm -rf "$dest"
    git clone -q --shared --no-checkout "$gitdir" "$dest"
    git -C "$dest" -c advice.detachedHead=false checkout -q "$commit"
    git -C "$dest" show "$commit:$agent" >"$out/$name.agents.md"
    git -C "$dest" ls-files -z |
      grep -zE '(^|/)(AGENTS\.md|CLAUDE\.md|GEMINI\.md|\.cursorrules|copilot-instructions\.md)$|(^|/)\.(agents|claude|cursor)/' |
      xargs -0 -r git -C "$dest" rm -q -r --cached --ignore-unmatch --
    (cd "$dest" && find . -path ./.git -prune -o \( -name AGENTS.md -o -name CLAUDE.md -o -name GEMINI.md -o -name .cursorrules -o -name copilot-instructions.md \) -print0 | xargs -0 -r rm -f)
    (cd "$dest" && find . -path ./.git -prune -o -type d \( -name .agents -o -name .claude -o -name .cursor \) -print0 | xargs -0 -r rm -rf)
    echo "$name $repo@$commit -> $dest ($(git -C "$dest" ls-files | wc -l) files)"
  done
