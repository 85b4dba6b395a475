#!/bin/sh
# install.sh — install a Mos release for this user, without Maven or a JDK build.
#
#   deploy/install.sh [ARCHIVE]    install mosaic-<version>.tar.gz (default: the release this script
#                                  came in, else the one mosaic-*.tar.gz in the current directory)
#   deploy/install.sh --rollback   switch back to the version installed before the current one
#
# Layout: ~/.local/share/mosaic/<version>/ (one folder per release), ~/.local/share/mosaic/current
# and .../previous (symlinks), ~/.local/bin/mosaic -> .../current/bin/mosaic. Two versions are kept.
# Running it again with the same archive changes nothing but the files of that version.
# It never touches ~/.config/mosaic (roster, secrets, mos.env, audit, state).
set -eu

share="$HOME/.local/share/mosaic"
bindir="$HOME/.local/bin"
link="$bindir/mosaic"

say() { printf '%s\n' "$*"; }
die() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,12s/^# \{0,1\}//p' "$0"
}

# --- prerequisites: Java 17+ and tmux >= 3.2, named by their Debian packages when missing ---
check_java() {
  java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  command -v "$java_bin" >/dev/null 2>&1 \
    || die "Java 17 or newer is needed and '$java_bin' was not found: apt install openjdk-17-jre-headless (Debian 12; Debian 13: openjdk-21-jre-headless), or set JAVA_HOME"
  jv=$("$java_bin" -version 2>&1 | sed -n 's/.* version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  [ -n "$jv" ] || die "cannot tell the version of $java_bin ('$java_bin -version' printed no version)"
  [ "$jv" -ge 17 ] \
    || die "Java $jv found ($java_bin), Mos needs 17 or newer: apt install openjdk-17-jre-headless (Debian 12; Debian 13: openjdk-21-jre-headless), or set JAVA_HOME"
}

check_tmux() {
  command -v tmux >/dev/null 2>&1 || die "tmux 3.2 or newer is needed and was not found: apt install tmux"
  tv=$(tmux -V 2>/dev/null | sed -n 's/^tmux [^0-9]*\([0-9][0-9]*\)\.\([0-9][0-9]*\).*/\1 \2/p')
  [ -n "$tv" ] || die "cannot tell the version of tmux ('tmux -V' printed: $(tmux -V 2>&1))"
  set -- $tv
  if [ "$1" -lt 3 ] || { [ "$1" -eq 3 ] && [ "$2" -lt 2 ]; }; then
    die "tmux $1.$2 found, Mos needs 3.2 or newer (new-session -e): apt install tmux (Debian 12 has 3.3a)"
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum -- "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 -- "$1" | cut -d' ' -f1
  else die "neither sha256sum nor shasum is available to check $1 against SHA256SUMS (apt install coreutils)"
  fi
}

# When SHA256SUMS sits beside the archive, the archive must be listed in it with the same sum.
verify_sum() {
  sums="$(dirname -- "$1")/SHA256SUMS"
  [ -f "$sums" ] || { say "note: no SHA256SUMS beside $1; not checked"; return 0; }
  name=$(basename -- "$1")
  want=$(awk -v n="$name" '{ f=$2; sub(/^\*/, "", f); if (f == n) { print $1; exit } }' "$sums")
  [ -n "$want" ] || die "$sums has no line for $name: is this the archive it was published with?"
  got=$(sha256_of "$1")
  [ "$got" = "$want" ] || die "$name does not match $sums (sha256 $got, expected $want): download it again"
  say "checked $name against $sums"
}

version_ok() {
  case $1 in ''|*[!A-Za-z0-9._+-]*|.*) return 1 ;; *) return 0 ;; esac
}

point_bin_link() {
  mkdir -p "$bindir"
  if [ -e "$link" ] && [ ! -L "$link" ]; then
    die "$link exists and is not a symlink; move it away, then run this again"
  fi
  ln -sfn "$share/current/bin/mosaic" "$link"
}

after_switch() {
  say "$link -> $share/current/bin/mosaic (Mos $(readlink "$share/current"))"
  case ":$PATH:" in *":$bindir:"*) ;; *) say "note: $bindir is not on PATH; add it (e.g. in ~/.profile: PATH=\"\$HOME/.local/bin:\$PATH\")" ;; esac
  if [ -f "$HOME/.config/systemd/user/mosaic-mos.service" ]; then
    say "the Mos service runs the old version until: systemctl --user restart mosaic-mos"
  fi
}

rollback() {
  [ -L "$share/previous" ] || die "no previous version to roll back to (nothing at $share/previous)"
  prev=$(readlink "$share/previous")
  cur=$(readlink "$share/current" 2>/dev/null || true)
  [ -d "$share/$prev" ] || die "the previous version $prev is gone from $share"
  ln -sfn "$prev" "$share/current"
  if [ -n "$cur" ] && [ -d "$share/$cur" ]; then ln -sfn "$cur" "$share/previous"; else rm -f "$share/previous"; fi
  point_bin_link
  say "rolled back to Mos $prev${cur:+ (from $cur; run --rollback again to return)}"
  after_switch
}

install_from() {
  src=$1
  check_java
  check_tmux
  mkdir -p "$share"
  work=$(mktemp -d "$share/.install.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  trap 'exit 1' INT TERM
  if [ -d "$src" ]; then
    tree=$src
  else
    [ -f "$src" ] || die "no such archive: $src"
    verify_sum "$src"
    tar -xzf "$src" -C "$work" || die "cannot unpack $src (is it a mosaic-<version>.tar.gz?)"
    tree=$(find "$work" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  fi
  [ -n "$tree" ] && [ -f "$tree/VERSION" ] && [ -f "$tree/bin/mosaic" ] \
    || die "$src is not a Mos release (no VERSION and bin/mosaic at its top)"
  version=$(head -n 1 "$tree/VERSION")
  version_ok "$version" || die "$src has a bad VERSION '$version'"

  # Unpacked (or copied) beside the target, then moved into place: a half-written version is never
  # current, and the move is a rename on the same file system.
  if [ -d "$src" ]; then
    staged="$work/stage"
    mkdir -p "$staged"
    (cd "$tree" && tar -cf - .) | (cd "$staged" && tar -xf -)
  else
    staged=$tree
  fi
  chmod 0755 "$staged/bin/mosaic"
  if [ -d "$share/$version" ]; then
    mv "$share/$version" "$work/old"
  fi
  mv "$staged" "$share/$version"

  cur=$(readlink "$share/current" 2>/dev/null || true)
  if [ -n "$cur" ] && [ "$cur" != "$version" ] && [ -d "$share/$cur" ]; then
    ln -sfn "$cur" "$share/previous"
  fi
  ln -sfn "$version" "$share/current"
  point_bin_link

  # keep two versions: current and previous
  prev=$(readlink "$share/previous" 2>/dev/null || true)
  for d in "$share"/*; do
    [ -d "$d" ] && [ ! -L "$d" ] || continue
    n=$(basename -- "$d")
    [ "$n" = "$version" ] || [ "$n" = "$prev" ] || rm -rf "$d"
  done

  if [ "$cur" = "$version" ]; then
    say "reinstalled Mos $version in $share/$version"
  else
    say "installed Mos $version in $share/$version${prev:+ (previous: $prev; deploy/install.sh --rollback returns to it)}"
  fi
  after_switch
  say "next: mosaic fleet init (first time), mosaic fleet verify; see docs/install.md"
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  --rollback) [ $# -eq 1 ] || die "--rollback takes no other arguments"; rollback; exit 0 ;;
  -*) die "unknown option $1 (try --help)" ;;
esac
[ $# -le 1 ] || die "give at most one archive (try --help)"

if [ $# -eq 1 ]; then
  install_from "$1"
else
  here=$(cd -P -- "$(dirname -- "$0")/.." && pwd -P)
  if [ -f "$here/VERSION" ] && [ -f "$here/bin/mosaic" ]; then
    install_from "$here"
  else
    set -- mosaic-*.tar.gz
    [ $# -eq 1 ] && [ -f "$1" ] || die "which archive? give its path: deploy/install.sh mosaic-<version>.tar.gz"
    install_from "$1"
  fi
fi
