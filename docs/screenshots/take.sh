#!/usr/bin/env bash
# Retakes the Diagnose screenshots under Xvfb (1600x1000): one pneumonia sample with its Grad-CAM overlay,
# one normal sample, a borderline one, the model card, a photograph the input check refuses, a DICOM file with its header, a MONOCHROME1 DICOM. Needs xvfb-run and ImageMagick's `import`; run from the repository root after
#   mvn -B -q package -DskipTests
# Usage: docs/screenshots/take.sh [seconds-to-wait-per-shot]
set -euo pipefail
cd "$(dirname "$0")/../.."
wait_s="${1:-60}"
out=docs/screenshots
home=$(mktemp -d)   # keeps the shots' "recent files" out of your own list
shot() { # $1 image file, $2 output png, $3 optional command run before the shot (e.g. an xdotool click)
  xvfb-run -a -s '-screen 0 1600x1000x24' bash -c "
    java -Dpneumolens.window=1600x1000 -Dpneumolens.home='$home' -jar target/pneumolens.jar '$1' &
    app=\$!
    sleep $wait_s
    ${3:-true}
    import -window root '$2'
    kill \$app"
}
shot sample-images/PNEUMONIA_person1597_bacteria_4193.jpeg "$out/diagnose-pneumonia.png"
shot sample-images/NORMAL_IM-0149-0001.jpeg "$out/diagnose-normal.png"
# Inside the model's borderline band: "Borderline: review" in a neutral colour.
shot sample-images/PNEUMONIA_person1409_bacteria_3583.jpeg "$out/diagnose-borderline.png"
# The model card (Model > Model card... link in the result panel; needs xdotool), rendered from the model file.
if command -v xdotool >/dev/null; then
  shot sample-images/PNEUMONIA_person148_virus_298.jpeg "$out/model-card.png" \
    "xdotool mousemove 1318 634 click 1; sleep 4"
fi
# The input check refusing a photograph (needs ../shared/ood-dev; any photo will do), and two DICOM files.
photo=../shared/ood-dev/skimage__camera.png
if [ -f "$photo" ]; then shot "$photo" "$out/diagnose-refused.png"; fi
shot src/test/resources/fixtures/dicom/FULL_person148_jpeg_lossless_sv1.dcm "$out/dicom-header.png"
shot src/test/resources/fixtures/dicom/M1_explicit_le.dcm "$out/dicom-monochrome1.png"
rm -rf "$home"
echo "Wrote $out/diagnose-pneumonia.png, diagnose-normal.png, diagnose-borderline.png, model-card.png, diagnose-refused.png, dicom-header.png, dicom-monochrome1.png"
