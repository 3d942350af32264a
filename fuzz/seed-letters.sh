#!/usr/bin/env bash
# Rebuilds the realistic-letter seeds of the text fuzz targets (see fuzz/README.md).
#
#   fuzz/seed-letters.sh        (from the repository root or from fuzz/)
#
# Every text target (lint_text, lint_markdown, anonymise, people) gets:
#   letters-*   the letters of tests/letters/ (.txt, .md)
#   officers-*  the officer corpus tests/officers/ with its ⟦LABEL|text⟧ markup removed
#   examples-*  the letters of examples/ and examples/library/
#   gen-sN-*    letters from `cargo run --release --example gen-corpus -- DIR N 50`:
#               seed 1 for lint_text, 2 for lint_markdown, 3 for anonymise, and all four
#               seeds (200 letters) for the cheap `people` target.
# lint_docx gets the .docx files of examples/ and tests/ (as examples-*.docx).
#
# Only files with those prefixes are replaced: hand-written seeds and crash-*
# reproducers stay as they are, and a letter identical to a seed already in the
# directory is not copied again. Generated letters depend on the generator in
# benches/corpus/: rerun this script after changing it if you want the seeds to follow.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seeds="$root/fuzz/seeds"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The letters shared by every text target, gathered once in $tmp/shared.
mkdir -p "$tmp/shared"
for f in "$root"/tests/letters/*.txt "$root"/tests/letters/*.md; do
    [ "$(basename "$f")" = README.md ] && continue
    cp "$f" "$tmp/shared/letters-$(basename "$f")"
done
for f in "$root"/tests/officers/*.txt "$root"/tests/officers/*.md; do
    [ "$(basename "$f")" = README.md ] && continue
    # ⟦O1 title|Officer White⟧ → Officer White (marks never span lines).
    perl -CSD -Mutf8 -pe 's/⟦[^|⟧]*\|([^⟧]*)⟧/$1/g' "$f" \
        >"$tmp/shared/officers-$(basename "$f")"
done
while IFS= read -r f; do
    rel=${f#"$root"/examples/}
    cp "$f" "$tmp/shared/examples-${rel//\//-}"
done < <(find "$root/examples" -type f \( -name '*.txt' -o -name '*.md' \) | sort)

if grep -l '⟦\|⟧' "$tmp"/shared/officers-* >/dev/null; then
    echo "seed-letters: markup left in $(grep -l '⟦\|⟧' "$tmp"/shared/officers-*)" >&2
    exit 1
fi

# Generated letters: 50 a seed.
for s in 1 2 3 4; do
    (cd "$root" && cargo run --quiet --release --example gen-corpus -- "$tmp/gen$s" "$s" 50) >/dev/null
    mkdir -p "$tmp/gen-s$s"
    while IFS= read -r f; do
        rel=${f#"$tmp/gen$s"/}
        cp "$f" "$tmp/gen-s$s/gen-s$s-${rel//\//-}"
    done < <(find "$tmp/gen$s" -type f | sort)
done

# Copies the files given to directory $1, skipping any whose content is already there.
install_seeds() {
    local dir=$1
    shift
    local -A have=()
    local f sum
    for f in "$dir"/*; do
        [ -f "$f" ] && have[$(sha1sum <"$f" | cut -d' ' -f1)]=1
    done
    for f in "$@"; do
        sum=$(sha1sum <"$f" | cut -d' ' -f1)
        [ -n "${have[$sum]:-}" ] && continue
        have[$sum]=1
        cp "$f" "$dir/"
    done
}

for target in lint_text lint_markdown anonymise people; do
    dir="$seeds/$target"
    mkdir -p "$dir"
    rm -f "$dir"/letters-* "$dir"/officers-* "$dir"/examples-* "$dir"/gen-s*
    install_seeds "$dir" "$tmp"/shared/*
done
install_seeds "$seeds/lint_text" "$tmp"/gen-s1/*
install_seeds "$seeds/lint_markdown" "$tmp"/gen-s2/*
install_seeds "$seeds/anonymise" "$tmp"/gen-s3/*
install_seeds "$seeds/people" "$tmp"/gen-s1/* "$tmp"/gen-s2/* "$tmp"/gen-s3/* "$tmp"/gen-s4/*

rm -f "$seeds"/lint_docx/examples-* "$seeds"/lint_docx/tests-*
docx=()
while IFS= read -r f; do
    rel=${f#"$root"/}
    cp "$f" "$tmp/${rel//\//-}"
    docx+=("$tmp/${rel//\//-}")
done < <(find "$root/examples" "$root/tests" -type f -name '*.docx' | sort)
[ ${#docx[@]} -eq 0 ] || install_seeds "$seeds/lint_docx" "${docx[@]}"

for target in lint_text lint_markdown anonymise people lint_docx; do
    printf '%-14s %4d files %8d bytes\n' "$target" \
        "$(find "$seeds/$target" -type f | wc -l)" \
        "$(cat "$seeds/$target"/* | wc -c)"
done
printf 'fuzz/seeds     %s bytes (%s on disk)\n' "$(du -sb "$seeds" | cut -f1)" "$(du -sh "$seeds" | cut -f1)"
