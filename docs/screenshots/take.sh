#!/usr/bin/env bash
# Retakes the Diagnose screenshots under Xvfb (1600x1000): one pneumonia sample with its Grad-CAM overlay,
# one normal sample, a photograph the input check refuses, a DICOM file with its header, a MONOCHROME1 DICOM. Needs xvfb-run and ImageMagick's `import`; run from the repository root after
#   mvn -B -q package -DskipTests
# Usage: docs/screenshots/take.sh [seconds-to-wait-per-shot]
set -euo pipefail
cd "$(dirname "$0")/../.."
wait_s="${1:-60}"
out=docs/screenshots
home=$(mktemp -d)   # keeps the shots' "recent files" out of your own list
shot() { # $1 image file, $2 output png
  xvfb-run -a -s '-screen 0 1600x1000x24' bash -c "
    java -Dpneumolens.window=1600x1000 -Dpneumolens.home='$home' -jar target/pneumolens.jar '$1' &
    app=\$!
    sleep $wait_s
    import -window root '$2'
    kill \$app"
}
shot sample-images/PNEUMONIA_person1597_bacteria_4193.jpeg "$out/diagnose-pneumonia.png"
shot sample-images/NORMAL_IM-0149-0001.jpeg "$out/diagnose-normal.png"
# The input check refusing a photograph (needs ../shared/ood-dev; any photo will do), and two DICOM files.
photo=../shared/ood-dev/skimage__camera.png
if [ -f "$photo" ]; then shot "$photo" "$out/diagnose-refused.png"; fi
shot src/test/resources/fixtures/dicom/FULL_person148_jpeg_lossless_sv1.dcm "$out/dicom-header.png"
shot src/test/resources/fixtures/dicom/M1_explicit_le.dcm "$out/dicom-monochrome1.png"
rm -rf "$home"
echo "Wrote $out/diagnose-pneumonia.png, diagnose-normal.png, diagnose-refused.png, dicom-header.png, dicom-monochrome1.png"
