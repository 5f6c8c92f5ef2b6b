#!/usr/bin/env bash
# CI check of the Linux packages: builds them (build-linux.sh), then proves that
#   1. the app-image's launcher runs Swapdeck headless with a config, answers GET /health, and exits 0
#      on SIGTERM with nothing left running;
#   2. the shaded jar allows native access, and the runtime image holds every JDK module jdeps finds
#      in it;
#   3. the .deb, unpacked into a throwaway root (dpkg -x: no maintainer scripts run), has its menu entry
#      and icons where desktops look for them, and its systemd user unit, pointing at files that are in
#      the package;
#   4. the launcher maps the class-data archive of a launch, and the .deb's postinst writes one that
#      its runtime maps (run against the unpacked root's paths).
# Needs root only to apt-get install fakeroot/binutils when missing (Debian 12 CI machines).
#
# usage: packaging/check-linux.sh [--skip-maven]   (passed on to build-linux.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "check-linux.sh: FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

# jpackage --type deb needs fakeroot and objcopy (binutils)
missing=()
for pkg in fakeroot binutils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

step "building the packages"
started=$SECONDS
packaging/build-linux.sh "$@"
echo "built in $((SECONDS - started)) s"

image=target/packaging/app-image/swapdeck
launcher=$image/bin/swapdeck
debs=(target/packaging/swapdeck_*.deb)
[ -x "$launcher" ] || fail "no launcher at $launcher"
[ -f "${debs[0]}" ] || fail "no .deb in target/packaging"
deb=${debs[0]}

tmp=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

step "app-image contents"
# the built-in demo starts its servers with the runtime's own java (jlink without --strip-native-commands)
[ -x "$image/lib/runtime/bin/java" ] || fail "the runtime has no bin/java: the built-in demo cannot start"
[ -f "$image/lib/app/swapdeck.jar" ] || fail "no swapdeck.jar in $image/lib/app"
[ -f "$image/lib/app/swapdeck.jsa" ] || fail "no class-data archive (swapdeck.jsa) in $image/lib/app"

step "jar manifest"
# without Enable-Native-Access, every launch with `java -jar` on Java 22 or later prints four
# warnings about JavaFX loading its native libraries
(cd "$tmp" && jar xf "$OLDPWD/target/swapdeck.jar" META-INF/MANIFEST.MF)
grep -q '^Enable-Native-Access: ALL-UNNAMED' "$tmp/META-INF/MANIFEST.MF" \
  || fail "target/swapdeck.jar's manifest does not allow native access (pom.xml, maven-shade-plugin)"

step "JDK modules"
# jdeps works over the shaded jar (not over Undertow's jars one by one); a module it finds that the
# runtime lacks would fail at run time with NoClassDefFoundError, possibly only in the window.
"$image/lib/runtime/bin/java" --list-modules | sed 's/@.*//' > "$tmp/runtime-modules"
needed=$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 target/swapdeck.jar | tr , '\n')
for module in $needed; do
  grep -qx "$module" "$tmp/runtime-modules" || fail "jdeps says the app needs $module: add it to packaging/jdk-modules.txt"
done
echo "runtime has all of: $(echo $needed | tr ' ' ,)"
# docs/install.md gives the same list for building on Windows and macOS by hand
listed=$(sed -e 's/#.*//' packaging/jdk-modules.txt | awk 'NF { print $1 }' | paste -sd, -)
grep -qxF "$listed" docs/install.md || fail "docs/install.md's module list is not packaging/jdk-modules.txt's: $listed"

step "packaged launcher, headless"
# the launcher passes arguments through to Main, which reports the version the image was packaged as
packaged_version=$(sed -n 's/.*-Djpackage.app-version=\([0-9.]*\).*/\1/p' "$image/lib/app/swapdeck.cfg")
[ -n "$packaged_version" ] || fail "no -Djpackage.app-version in $image/lib/app/swapdeck.cfg"
launcher_version=$("$launcher" --version) || fail "$launcher --version failed"
[[ $launcher_version == *"$packaged_version"* ]] \
  || fail "--version says '$launcher_version', the image was packaged as $packaged_version"
echo "bin/swapdeck --version: $launcher_version"
# The cfg names the archive by $APPDIR; a path that does not match would silently load every class.
maps_swapdeck() { grep -q 'dev.swapdeck.Main source: shared objects file' "$1"; }
JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$tmp/launcher-classes.txt" "$launcher" --version > /dev/null 2>&1 \
  || fail "$launcher --version failed with class loading logged"
maps_swapdeck "$tmp/launcher-classes.txt" || fail "the launcher does not map $image/lib/app/swapdeck.jsa"
echo "bin/swapdeck maps $(grep -c 'shared objects file' "$tmp/launcher-classes.txt") classes from its archive"
# A free loopback port: the OS picks one for a socket that is closed at once.
cat > "$tmp/FreePort.java" <<'EOF'
public class FreePort {
    public static void main(String[] args) throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            System.out.println(socket.getLocalPort());
        }
    }
}
EOF
port=$(java "$tmp/FreePort.java")
# One model that is never started (no request names it); an explicit proxy, so no ${PORT} is needed.
cat > "$tmp/config.yaml" <<'EOF'
models:
  never-started:
    cmd: /bin/true
    proxy: http://127.0.0.1:9
    ttl: 60
EOF
# GET /health over bash's /dev/tcp (CI machines may lack curl); prints the status line.
health() {
  timeout 5 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n" >&3 && head -n 1 <&3' \
    _ "$port" 2>/dev/null | tr -d '\r' || true
}

# No display and a private XDG config dir: headless must need neither, and must not touch the real one.
env -u DISPLAY -u WAYLAND_DISPLAY XDG_CONFIG_HOME="$tmp/xdg" \
  "$launcher" --headless --config "$tmp/config.yaml" --listen "127.0.0.1:$port" > "$tmp/swapdeck.log" 2>&1 &
pid=$!
started=$SECONDS
status=
while [ $((SECONDS - started)) -lt 60 ]; do
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/swapdeck.log" >&2; fail "the launcher exited before answering /health"; }
  status=$(health)
  case "$status" in "HTTP/1."?" 200"*) break ;; esac
  sleep 0.5
done
case "$status" in
  "HTTP/1."?" 200"*) echo "GET /health -> $status after ~$((SECONDS - started)) s on 127.0.0.1:$port" ;;
  *) cat "$tmp/swapdeck.log" >&2; fail "no 200 from http://127.0.0.1:$port/health within 60 s (last: '${status:-no answer}')" ;;
esac

kill -TERM "$pid"
stopping=$SECONDS
while kill -0 "$pid" 2>/dev/null && [ $((SECONDS - stopping)) -lt 20 ]; do sleep 0.2; done
kill -0 "$pid" 2>/dev/null && { cat "$tmp/swapdeck.log" >&2; fail "still running 20 s after SIGTERM"; }
code=0
wait "$pid" || code=$?
pid=
[ "$code" -eq 0 ] || { cat "$tmp/swapdeck.log" >&2; fail "exit code $code after SIGTERM, expected 0"; }
# Every process Swapdeck could have started has the temp dir on its command line (the config path).
for proc in /proc/[0-9]*; do
  cmdline=$(tr '\0' ' ' < "$proc/cmdline" 2>/dev/null) || continue
  [[ $cmdline != *"$tmp"* ]] || fail "left running after shutdown: $cmdline"
done
[ -z "$(health)" ] || fail "127.0.0.1:$port still answers after shutdown"
echo "SIGTERM -> exit 0 in ~$((SECONDS - stopping)) s, nothing left running"

step "the .deb, unpacked into a throwaway root"
root=$tmp/root
dpkg-deb -x "$deb" "$root"
dpkg-deb -f "$deb" Depends | grep -qw libgtk-3-0 || fail "$deb does not depend on libgtk-3-0 (JavaFX needs it)"

entry=$root/usr/share/applications/swapdeck.desktop
[ -f "$entry" ] || fail "no menu entry at /usr/share/applications/swapdeck.desktop"
key() { sed -n "s/^$1=//p" "$entry" | head -n 1; }
[ "$(key Type)" = Application ] || fail "swapdeck.desktop: Type is not Application"
[ "$(key Name)" = Swapdeck ] || fail "swapdeck.desktop: Name is not Swapdeck"
exec_path=$(key Exec | awk '{print $1}')
case "$exec_path" in /*) ;; *) fail "swapdeck.desktop: Exec is not an absolute path: $exec_path" ;; esac
[ -x "$root$exec_path" ] || fail "swapdeck.desktop: Exec=$exec_path is not an executable in the package"
icon=$(key Icon)
[ -n "$icon" ] || fail "swapdeck.desktop: no Icon"
for size in 16 32 48 64 128 256 512; do
  [ -f "$root/usr/share/icons/hicolor/${size}x${size}/apps/$icon.png" ] \
    || fail "no ${size}x${size} icon for Icon=$icon in the hicolor theme"
done
[ -n "$(key StartupWMClass)" ] || fail "swapdeck.desktop: no StartupWMClass (docks would not match the window)"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$entry" || fail "desktop-file-validate rejects swapdeck.desktop"
fi
link=$(readlink "$root/usr/bin/swapdeck") || fail "no /usr/bin/swapdeck"
[ -x "$root$link" ] || fail "/usr/bin/swapdeck points at $link, which is not in the package"
unit=$root/usr/lib/systemd/user/swapdeck.service
[ -f "$unit" ] || fail "no systemd user unit at /usr/lib/systemd/user/swapdeck.service"
unit_exec=$(sed -n 's/^ExecStart=//p' "$unit" | awk '{print $1}')
[ -x "$root$unit_exec" ] || fail "swapdeck.service: ExecStart=$unit_exec is not an executable in the package"
echo "$(basename "$deb") ($(du -h "$deb" | cut -f1)): menu entry, icons 16-512 px, Exec=$exec_path, /usr/bin/swapdeck," \
  "user unit"

step "the .deb's class-data archive"
app=$root/opt/swapdeck/lib/app
[ ! -e "$app/swapdeck.jsa" ] || fail "the .deb carries swapdeck.jsa: it names the build's path, postinst must write it"
[ -f "$app/launch-classes.lst" ] || fail "the .deb has no launch-classes.lst for postinst"
dpkg-deb -e "$deb" "$tmp/control"
grep -q 'Xshare:dump' "$tmp/control/postinst" || fail "the .deb's postinst does not write the archive"
grep -q 'swapdeck.jsa' "$tmp/control/prerm" || fail "the .deb's prerm does not remove the archive postinst wrote"
# dpkg keeps a removed package with a postrm (or conffiles) listed as "rc" until it is purged
[ ! -e "$tmp/control/postrm" ] && [ ! -e "$tmp/control/conffiles" ] \
  || fail "the .deb has a postrm or conffiles: apt remove would leave it half-installed"
# postinst as dpkg runs it, with the unpacked root in place of /opt/swapdeck
sed "s|/opt/swapdeck|$root/opt/swapdeck|g" "$tmp/control/postinst" > "$tmp/postinst"
sh "$tmp/postinst" configure 2> "$tmp/postinst.err" || { cat "$tmp/postinst.err" >&2; fail "postinst configure failed"; }
[ ! -s "$tmp/postinst.err" ] || { cat "$tmp/postinst.err" >&2; fail "postinst could not write the archive"; }
"$root/opt/swapdeck/lib/runtime/bin/java" -XX:SharedArchiveFile="$app/swapdeck.jsa" \
  -Xlog:class+load=info:file="$tmp/deb-classes.txt" -cp "$app/swapdeck.jar" dev.swapdeck.Main --version > /dev/null \
  || fail "the .deb's runtime fails with the archive postinst wrote"
maps_swapdeck "$tmp/deb-classes.txt" || fail "the archive postinst wrote does not serve the installed jar"
echo "postinst writes an archive the installed runtime maps; prerm removes it"

echo "check-linux.sh: OK"
