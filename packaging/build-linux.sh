#!/usr/bin/env bash
# Builds Swapdeck's Linux packages from the shaded jar:
#   target/packaging/app-image/swapdeck/          self-contained app-image (bin/swapdeck is the launcher)
#   target/packaging/swapdeck_<version>-1_amd64.deb
#
# usage: packaging/build-linux.sh [--skip-maven] [--app-image-only]
#   --skip-maven      target/swapdeck.jar is already built; do not run Maven
#   --app-image-only  stop after the app-image (the .deb takes ~30 s more and needs fakeroot, binutils)
set -euo pipefail
cd "$(dirname "$0")/.."

skip_maven=false
app_image_only=false
for arg in "$@"; do
  case "$arg" in
    --skip-maven) skip_maven=true ;;
    --app-image-only) app_image_only=true ;;
    *) echo "build-linux.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

out=target/packaging
jar=target/swapdeck.jar
sizes=(16 32 48 64 128 256 512)
description="Desktop control panel with an embedded proxy that swaps local LLM servers on demand"

if ! $skip_maven; then
  # clean: shade re-shades its own output on a second package run
  mvn -B -ntp clean package -DskipTests
fi
[ -f "$jar" ] || { echo "build-linux.sh: $jar is missing (run without --skip-maven)" >&2; exit 1; }
classes=target/launch-classes.lst
[ -f "$classes" ] || { echo "build-linux.sh: $classes is missing (run without --skip-maven)" >&2; exit 1; }
if ! $app_image_only; then
  # jpackage needs dpkg-deb (dpkg), fakeroot and objcopy (binutils) for a .deb; say so before it fails
  for tool in dpkg-deb fakeroot objcopy; do
    command -v "$tool" >/dev/null || { echo "build-linux.sh: $tool not found (apt-get install fakeroot binutils)" >&2; exit 1; }
  done
fi

rm -rf "$out"
mkdir -p "$out/input"

# The version comes from the jar (the shade plugin keeps the pom's Implementation-Version). jpackage
# accepts only numbers and dots, so 1.2.0-SNAPSHOT is packaged as 1.2.0.
(cd "$out" && jar --extract --file "../../$jar" META-INF/MANIFEST.MF)
version=$(sed -n 's/^Implementation-Version: *\([0-9.]*\).*/\1/p' "$out/META-INF/MANIFEST.MF" | tr -d '\r')
rm -rf "$out/META-INF"
[ -n "$version" ] || { echo "build-linux.sh: no Implementation-Version in $jar's manifest" >&2; exit 1; }
echo "packaging Swapdeck $version"

# jdeps cannot list the modules of Undertow's jars one by one, so the list is kept by hand.
modules=$(sed -e 's/#.*//' packaging/jdk-modules.txt | awk 'NF { print $1 }' | paste -sd, -)
# Keep bin/java (no --strip-native-commands): the built-in demo runs its servers with this runtime's java.
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --output "$out/runtime"

# jpackage copies the whole --input directory into the image: the jar, and the list of the classes a
# launch loads (the build's LaunchTraining wrote it), from which a class-data archive is made below.
cp "$jar" "$classes" "$out/input/"
jpackage --type app-image \
  --runtime-image "$out/runtime" \
  --input "$out/input" --main-jar swapdeck.jar --main-class dev.swapdeck.Main \
  --java-options '-XX:SharedArchiveFile=$APPDIR/swapdeck.jsa' \
  --name swapdeck --app-version "$version" --icon icons/png/256.png \
  --description "$description" --vendor Swapdeck \
  --dest "$out/app-image"
# The launch's classes, mapped instead of loaded (a third of the window's launch). A JDK 17 archive
# names the jar by path: this one serves the app-image where it is; the .deb writes its own (postinst).
app=$(cd "$out/app-image/swapdeck/lib/app" && pwd)
"$out/app-image/swapdeck/lib/runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$app/launch-classes.lst" \
  -XX:SharedArchiveFile="$app/swapdeck.jsa" -Xlog:disable -Xlog:all=error -cp "$app/swapdeck.jar"
echo "app-image: $out/app-image/swapdeck ($(du -sh "$out/app-image/swapdeck" | cut -f1))"
$app_image_only && exit 0

# The .deb. jpackage's own menu entry lives in /opt/swapdeck/lib and is registered by postinst through
# xdg-desktop-menu, with a single icon size. Instead, leave jpackage's desktop integration off (no
# --linux-shortcut, no --icon here) and add the entry and every icon size to the payload at the places
# desktops read (/usr/share/applications, the hicolor theme): dpkg then owns and removes them, its
# triggers refresh the menu and icon caches, and `dpkg -x` shows exactly what gets installed.
jpackage --type deb \
  --app-image "$out/app-image/swapdeck" \
  --name swapdeck --app-version "$version" \
  --description "$description" --vendor Swapdeck \
  --linux-package-name swapdeck --linux-app-category devel \
  --linux-package-deps libgtk-3-0 \
  --temp "$out/deb-temp" --dest "$out/jpackage-deb"
jpackage_deb=$(ls "$out"/jpackage-deb/swapdeck_*.deb)

root="$out/deb-root"
dpkg-deb --raw-extract "$jpackage_deb" "$root"
# the app-image's archive names the app-image's path; the installed one is written by postinst
rm -f "$root/opt/swapdeck/lib/app/swapdeck.jsa"
# jpackage's own preinst and postrm do nothing; a postrm alone keeps a removed package listed as
# half-installed ("rc") until it is purged
rm "$root/DEBIAN/preinst" "$root/DEBIAN/postrm"
install -m 755 packaging/linux/postinst packaging/linux/prerm "$root/DEBIAN/"
install -D -m 644 packaging/linux/swapdeck.desktop "$root/usr/share/applications/swapdeck.desktop"
for size in "${sizes[@]}"; do
  install -D -m 644 "icons/png/$size.png" "$root/usr/share/icons/hicolor/${size}x${size}/apps/swapdeck.png"
done
# the headless service, for `systemctl --user enable --now swapdeck` (docs/install.md); enabled by no one
install -D -m 644 packaging/linux/swapdeck.service "$root/usr/lib/systemd/user/swapdeck.service"
# `swapdeck --headless` from a terminal or a systemd unit, without the /opt path
mkdir -p "$root/usr/bin"
ln -s /opt/swapdeck/bin/swapdeck "$root/usr/bin/swapdeck"
installed_kb=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -i "s/^Installed-Size:.*/Installed-Size: $installed_kb/" "$root/DEBIAN/control"

deb="$out/$(basename "$jpackage_deb")"
dpkg-deb --root-owner-group --build "$root" "$deb"
rm -rf "$root" "$out/jpackage-deb" "$out/deb-temp"
echo "deb: $deb ($(du -h "$deb" | cut -f1))"
