#!/usr/bin/env bash
# same-verdicts.sh checks that the working tree gives byte-identical
# verdicts to another revision (default: HEAD): for work that must make
# the engine cheaper without changing what it says.
#
#   scripts/same-verdicts.sh [REV]
#
# It builds linkvet at REV (in a temporary git worktree) and from the
# working tree, then compares:
#   - screen --json over 20,000 generated invitations (demo --generate),
#     with the default policy and with the demo user's policy;
#   - screen --json over the corpus and held-out records of every language,
#     with the corpus policy;
#   - the learned path: TestLearnedGolden's verdicts, classifier results and
#     explanations with trained classifiers, over the same inputs.
# Exit status 0 when everything is identical.
set -euo pipefail
rev=${1:-HEAD}
root=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tmp/base" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

git -C "$root" worktree add --detach --quiet "$tmp/base" "$rev"
(cd "$tmp/base" && go build -o "$tmp/linkvet-base" ./cmd/linkvet)
(cd "$root" && go build -o "$tmp/linkvet-new" ./cmd/linkvet)

in="$tmp/in"
mkdir -p "$in"
"$tmp/linkvet-new" demo --generate 20000 > "$in/gen20k.jsonl"
cp "$root/demo/policy.yaml" "$in/demo-policy.yaml"
cp "$root/screen/testdata/corpus/policy.yaml" "$in/corpus-policy.yaml"
cat "$root"/screen/testdata/corpus/*.jsonl "$root"/screen/testdata/heldout/*.jsonl > "$in/corpus-all.jsonl"

# Screening with a throw-away home, so that no store of the user's (and
# its policy or classifier) takes part.
home="$tmp/home"
mkdir -p "$home"
isolated() { env HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" LINKVET_DB= "$@"; }
now=2026-11-22T12:00:00Z
status=0
compare() { # name, then screen's arguments
	local name=$1; shift
	isolated "$tmp/linkvet-base" screen --json --now "$now" "$@" > "$tmp/$name.base" 2>/dev/null || true
	isolated "$tmp/linkvet-new" screen --json --now "$now" "$@" > "$tmp/$name.new" 2>/dev/null || true
	if cmp -s "$tmp/$name.base" "$tmp/$name.new"; then
		echo "same: $name ($(wc -l < "$tmp/$name.new") verdicts)"
	else
		echo "DIFFERENT: $name"; diff "$tmp/$name.base" "$tmp/$name.new" | head -4; status=1
	fi
}
compare generated-default "$in/gen20k.jsonl"
compare generated-demo --policy "$in/demo-policy.yaml" "$in/gen20k.jsonl"
compare corpus --policy "$in/corpus-policy.yaml" "$in/corpus-all.jsonl"

if grep -q TestLearnedGolden "$tmp/base/screen/learned_golden_test.go" 2>/dev/null; then
	(cd "$tmp/base" && LINKVET_GOLDEN_DIR="$in" LINKVET_LEARNED_GOLDEN="$tmp/learned-base" go test ./screen -run TestLearnedGolden -count=1 >/dev/null)
	(cd "$root" && LINKVET_GOLDEN_DIR="$in" LINKVET_LEARNED_GOLDEN="$tmp/learned-new" go test ./screen -run TestLearnedGolden -count=1 >/dev/null)
	if diff -r -q "$tmp/learned-base" "$tmp/learned-new" >/dev/null; then
		echo "same: learned path ($(ls "$tmp/learned-new" | wc -l) cases)"
	else
		echo "DIFFERENT: learned path"; diff -r -q "$tmp/learned-base" "$tmp/learned-new" | head -4; status=1
	fi
else
	echo "skipped: learned path ($rev has no TestLearnedGolden)"
fi
exit $status
