#!/bin/sh
# check-html.sh BOOK.html -- open the rendered book in headless Chromium,
# once 1280 CSS pixels wide and once 390 (a phone), and check it with
# tools/check-html.js: every link and image resolves, the figures load, no
# prose is wider than the screen, the table of contents stays in view.
# The book is shown in an iframe of that width (headless Chromium will not
# make a window narrower than 500 pixels); Chromium reads the iframe's page
# because --allow-file-access-from-files makes local files one origin.
# Prints the checker's lines; exits 1 if one says FAIL. Needs Debian's
# chromium (./build.sh check runs this only when it is installed).
set -u
html=$1
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cp "$html" "$tmp/book.html"
rc=0
for w in 1280 390; do
    {
        echo '<!DOCTYPE html><html><head><meta charset="utf-8"><title>check</title></head><body style="margin:0">'
        echo "<iframe id=\"book\" src=\"book.html\" style=\"width:${w}px;height:844px;border:0;display:block\"></iframe>"
        echo '<script>'; cat "$here/check-html.js"; echo '</script>'
        echo '<script>document.getElementById("book").addEventListener("load", function () { nwCheck(this); });</script>'
        echo '</body></html>'
    } > "$tmp/check-$w.html"
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-features=Translate,MediaRouter --hide-scrollbars --allow-file-access-from-files \
        --user-data-dir="$tmp/profile-$w" --window-size=1400,900 --virtual-time-budget=30000 \
        --dump-dom "file://$tmp/check-$w.html" > "$tmp/dom-$w.html" 2> "$tmp/chromium-$w.log"
    result=$(awk '/<pre id="nw-check-result">/ { on = 1; next } on && /<\/pre>/ { on = 0 } on' "$tmp/dom-$w.html" \
             | sed 's/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g')
    if [ -z "$result" ]; then
        echo "check-html: $w px: the checker did not report (Chromium's last messages follow)"
        tail -5 "$tmp/chromium-$w.log"; rc=1; continue
    fi
    printf '%s\n' "$result" | sed "s/^/check-html: $w px: /"
    printf '%s\n' "$result" | grep -q "^ok   viewport $w px" \
        || { echo "check-html: $w px: FAIL the book was not shown $w pixels wide"; rc=1; }
    printf '%s\n' "$result" | grep -q '^RESULT ok' || rc=1
done
exit $rc
