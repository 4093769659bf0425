#!/usr/bin/python3
"""Builds the DICOM test corpus in src/test/resources/fixtures/dicom and its pixel references.

Needs Debian's dcmtk, libgdcm-tools (gdcmconv), python3-pydicom, python3-numpy and python3-pil. Run from the
repository root: /usr/bin/python3 src/test/scripts/make_dicom_corpus.py

Every file is made by the real tools from downscaled copies of two sample radiographs (plus one full-size one in
JPEG Lossless), and decoded back by dcmtk (dcmdjpeg, dcmdrle, dcmdjpls) or gdcmconv --raw, read by pydicom: those
stored values are the references (16-bit PNG) the Java tests compare with. The 8-bit renderings of the windowed
files are computed here with pydicom's apply_modality_lut / apply_voi_lut, an implementation independent of ours.
manifest.tsv lists every file, its transfer syntax and its reference.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileDataset, FileMetaDataset
from pydicom.pixel_data_handlers.util import apply_modality_lut, apply_voi_lut
from pydicom.uid import ExplicitVRLittleEndian, generate_uid
from PIL import Image

OUT = "src/test/resources/fixtures/dicom"
PYDICOM_FILES = "/usr/lib/python3/dist-packages/pydicom/data/test_files"
SAMPLES = {"A": "sample-images/NORMAL_IM-0149-0001.jpeg", "B": "sample-images/PNEUMONIA_person148_virus_298.jpeg"}
FULL = "sample-images/PNEUMONIA_person148_virus_298.jpeg"
TMP = tempfile.mkdtemp()
manifest = []


def run(*cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def grey(path, width=None):
    im = Image.open(path).convert("L")
    if width:
        im = im.resize((width, round(im.height * width / im.width)), Image.LANCZOS)
    return np.asarray(im, dtype=np.uint8)


def base_dataset(pixels, *, modality="CR", view="AP", bits_stored=8, signed=False, photometric="MONOCHROME2",
                 frames=1, extra=None):
    meta = FileMetaDataset()
    sop_class = {"CR": "1.2.840.10008.5.1.4.1.1.1", "DX": "1.2.840.10008.5.1.4.1.1.1.1"}[modality]
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(None, {}, file_meta=meta, preamble=b"\0" * 128)
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = generate_uid()
    ds.SeriesInstanceUID = generate_uid()
    ds.Modality = modality
    ds.BodyPartExamined = "CHEST"
    ds.ViewPosition = view
    # synthetic identifiers, there to test that they stay hidden
    ds.PatientName = "Testperson^Synthetic"
    ds.PatientID = "PL-TEST-0001"
    ds.PatientBirthDate = "20200101"
    ds.PatientSex = "F"
    ds.PatientAge = "004Y"
    ds.InstitutionName = "Synthetic Test Hospital"
    ds.Manufacturer = "PneumoLens test corpus"
    ds.StudyDate = "20240115"
    ds.StudyDescription = "Chest radiograph"
    ds.PixelSpacing = [0.5, 0.5]
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    ds.Rows, ds.Columns = pixels.shape[-2:]
    if frames > 1:
        ds.NumberOfFrames = frames
    ds.BitsAllocated = 8 if bits_stored <= 8 else 16
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = 1 if signed else 0
    for k, v in (extra or {}).items():
        setattr(ds, k, v)
    ds.PixelData = pixels.astype(("<i2" if signed else "<u2") if ds.BitsAllocated == 16 else np.uint8).tobytes()
    return ds


def save(ds, name):
    path = os.path.join(TMP, name)
    ds.save_as(path, write_like_original=False)
    return path


def reference_stored(path):
    """dcmtk's (or gdcm's) decode of the file, read by pydicom: the first frame's stored values."""
    ts = str(pydicom.dcmread(path, stop_before_pixels=True).file_meta.TransferSyntaxUID)
    raw = os.path.join(TMP, "raw.dcm")
    if ts.startswith("1.2.840.10008.1.2.4.9"):
        run("gdcmconv", "--raw", path, raw)
    elif ts == "1.2.840.10008.1.2.5":
        run("dcmdrle", path, raw)
    elif ts.startswith("1.2.840.10008.1.2.4.8"):
        run("dcmdjpls", path, raw)
    elif ts.startswith("1.2.840.10008.1.2.4."):
        run("dcmdjpeg", path, raw)
    elif ts == "1.2.840.10008.1.2.2":
        # pydicom 2.3.1 reads 8-bit samples in big-endian OW words in the wrong order; dcmtk converts them right
        run("dcmconv", "+te", path, raw)
    else:
        shutil.copy(path, raw)
    ds = pydicom.dcmread(raw)
    arr = ds.pixel_array
    if int(getattr(ds, "NumberOfFrames", 1) or 1) > 1:
        arr = arr[0]
    return ds, arr


def rendered_8bit(ds, arr):
    """The default presentation, 8 bits, computed with pydicom: modality LUT, then the first window / VOI LUT."""
    m = apply_modality_lut(arr, ds).astype(np.float64)
    if "WindowCenter" in ds or "VOILUTSequence" in ds:
        bits = ds.BitsStored
        voi_in = m if "WindowCenter" in ds else np.round(m).astype(np.int32)
        y = apply_voi_lut(voi_in, ds, index=0, prefer_lut=False).astype(np.float64)
        if "WindowCenter" in ds:
            lo, hi = (0, 2 ** bits - 1) if ds.PixelRepresentation == 0 else (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
            if "RescaleSlope" in ds:  # pydicom's window output spans the rescaled range of the stored values
                lo = lo * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
                hi = hi * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
        else:
            lo, hi = 0, 2 ** ds.VOILUTSequence[0].LUTDescriptor[2] - 1
        y8 = (y - lo) / (hi - lo) * 255
    elif ds.BitsStored <= 8 and m.min() >= 0:
        y8 = m
    else:
        y8 = (m - m.min()) / max(1e-9, m.max() - m.min()) * 255
    y8 = np.clip(np.round(y8), 0, 255)
    invert = ds.PhotometricInterpretation == "MONOCHROME1" or getattr(ds, "PresentationLUTShape", "") == "INVERSE"
    return (255 - y8 if invert else y8).astype(np.uint8)


def write_png(arr, name):
    if arr.dtype == np.uint8:
        Image.fromarray(arr, "L").save(os.path.join(OUT, name), optimize=True)
    else:
        Image.fromarray(arr.astype(np.uint16)).save(os.path.join(OUT, name), optimize=True)
    return name


def add(path, name, *, lossless, stored_ref=None, signed=False, render=False, expect="decode"):
    """Copies the file into the corpus, writes its references, and lists it in the manifest."""
    shutil.copy(path, os.path.join(OUT, name))
    ts = str(pydicom.dcmread(path, stop_before_pixels=True).file_meta.TransferSyntaxUID)
    ref, rend = "-", "-"
    if expect == "decode":
        ds, arr = reference_stored(path)
        if stored_ref is None or not lossless:
            stem = name.rsplit(".", 1)[0]
            ref = write_png((arr.astype(np.int32) + (32768 if signed else 0)).astype(np.uint16)
                            if arr.dtype != np.uint8 else arr, stem + ".stored.png")
        else:
            ref = stored_ref
            expected = np.asarray(Image.open(os.path.join(OUT, stored_ref)))
            assert np.array_equal(expected.astype(np.int64), arr.astype(np.int64)), name + " is not lossless"
        if render:
            rend = write_png(rendered_8bit(ds, arr), name.rsplit(".", 1)[0] + ".render.png")
    manifest.append((name, ts, expect, "lossless" if lossless else "lossy", ref, rend))


def variants(prefix, base, stored_ref, render=False):
    """Every transfer syntax of one base file (explicit VR little endian)."""
    add(base, prefix + "_explicit_le.dcm", lossless=True, stored_ref=stored_ref, render=render)
    for opt, name in (("+ti", "implicit_le"), ("+tb", "explicit_be"), ("+td", "deflated")):
        out = os.path.join(TMP, name)
        run("dcmconv", opt, base, out)
        add(out, f"{prefix}_{name}.dcm", lossless=True, stored_ref=stored_ref, render=render)
    for opts, name, lossless in ((["+eb"], "jpeg_baseline", False), (["+ee"], "jpeg_extended", False),
                                 (["+ep"], "jpeg_progressive", False), (["+el"], "jpeg_lossless", True),
                                 (["+e1"], "jpeg_lossless_sv1", True)):
        out = os.path.join(TMP, name)
        run("dcmcjpeg", *opts, base, out)
        add(out, f"{prefix}_{name}.dcm", lossless=lossless, stored_ref=stored_ref, render=render)
    out = os.path.join(TMP, "rle")
    run("dcmcrle", base, out)
    add(out, prefix + "_rle.dcm", lossless=True, stored_ref=stored_ref, render=render)
    out = os.path.join(TMP, "j2k")
    run("gdcmconv", "--j2k", base, out)
    add(out, prefix + "_j2k_lossless.dcm", lossless=True, stored_ref=stored_ref, render=render)
    out = os.path.join(TMP, "j2k_lossy")
    run("gdcmconv", "--j2k", "--lossy", "-q", "30", base, out)
    add(out, prefix + "_j2k_lossy.dcm", lossless=False, render=render)
    for opt, name in (("+el", "jpegls_lossless"), ("+en", "jpegls_near")):
        out = os.path.join(TMP, name)
        run("dcmcjpls", opt, base, out)
        add(out, f"{prefix}_{name}.dcm", lossless=True, expect="refuse")


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith((".dcm", ".png")) or f == "manifest.tsv":
            os.remove(os.path.join(OUT, f))
    np.random.seed(14)
    a = grey(SAMPLES["A"], 256)
    b = grey(SAMPLES["B"], 256)
    write_png(a, "A_source.png")
    write_png(b, "B_source.png")
    # A: CR, AP, 8-bit; B: DX For Presentation, PA, 8-bit, Presentation LUT Shape IDENTITY
    variants("A", save(base_dataset(a), "A.dcm"), "A_source.png")
    variants("B", save(base_dataset(b, modality="DX", view="PA", extra={"PresentationLUTShape": "IDENTITY"}),
                       "B.dcm"), "B_source.png")
    small = grey(SAMPLES["A"], 128)  # the 16-bit and MONOCHROME1 forms at half that size
    # 12-bit with rescale slope/intercept and a narrow window (two presets)
    v12 = (small.astype(np.uint16) * 16 + np.random.randint(0, 16, small.shape)).astype(np.uint16)
    d12 = base_dataset(v12, bits_stored=12, extra={
        "RescaleSlope": "0.5", "RescaleIntercept": "-100", "WindowCenter": ["700", "900"],
        "WindowWidth": ["400", "1800"], "WindowCenterWidthExplanation": ["NARROW", "WIDE"]})
    p12 = save(d12, "w12.dcm")
    add(p12, "W12_explicit_le.dcm", lossless=True, render=True)
    out = os.path.join(TMP, "w12sv1")
    run("dcmcjpeg", "+e1", p12, out)
    add(out, "W12_jpeg_lossless_sv1.dcm", lossless=True, stored_ref="W12_explicit_le.stored.png", render=True)
    # 12-bit lossy JPEG: no Java codec on Maven Central decodes it (TwelveMonkeys hands it to the JDK's 8-bit
    # libjpeg), so PneumoLens refuses it in one line
    out = os.path.join(TMP, "w12ext")
    run("dcmcjpeg", "+ee", p12, out)
    add(out, "W12_jpeg_extended.dcm", lossless=False, expect="refuse")
    out = os.path.join(TMP, "w12j2k")
    run("gdcmconv", "--j2k", p12, out)
    add(out, "W12_j2k_lossless.dcm", lossless=True, stored_ref="W12_explicit_le.stored.png", render=True)
    # 16-bit signed with a VOI LUT sequence (no window)
    s16 = (small.astype(np.int32) * 16 - 2000).astype(np.int16)
    lut = Dataset()
    lut.add_new(0x00283002, "SS", [4096, -2000, 12])
    lut.add_new(0x00283006, "US", [int(round(4095 * (i / 4095) ** 0.5)) for i in range(4096)])
    lut.LUTExplanation = "SQUARE ROOT"
    d16 = base_dataset(s16, bits_stored=16, signed=True, extra={"VOILUTSequence": [lut]})
    add(save(d16, "s16.dcm"), "S16_voilut_explicit_le.dcm", lossless=True, signed=True, render=True)
    # MONOCHROME1 with Presentation LUT Shape INVERSE: stored inverted, displays like A
    m1 = base_dataset(255 - small, modality="DX", view="PA", photometric="MONOCHROME1",
                      extra={"PresentationLUTShape": "INVERSE"})
    add(save(m1, "m1.dcm"), "M1_explicit_le.dcm", lossless=True, render=True)
    # 3 frames; the first is read
    frames = np.stack([a[:64, :64], b[:64, :64], 255 - a[:64, :64]])
    mf = save(base_dataset(frames, frames=3), "mf.dcm")
    add(mf, "MF3_explicit_le.dcm", lossless=True)
    for tool, opts, name in (("dcmcrle", [], "rle"), ("dcmcjpeg", ["+e1"], "jpeg_lossless_sv1"),
                             ("dcmcjpeg", ["+e1", "-ot"], "jpeg_lossless_sv1_no_bot")):
        out = os.path.join(TMP, name)
        run(tool, *opts, mf, out)
        add(out, "MF3_" + name + ".dcm", lossless=True, stored_ref="MF3_explicit_le.stored.png")
    # img2dcm straight from a JPEG (it encapsulates the JPEG as it is: baseline)
    small_jpeg = os.path.join(TMP, "small.jpg")
    Image.fromarray(a, "L").save(small_jpeg, quality=90)
    out = os.path.join(TMP, "img2dcm")
    run("img2dcm", small_jpeg, out)
    add(out, "A_img2dcm.dcm", lossless=False)
    # one full-size sample in JPEG Lossless SV1, for the prediction test against the sample JPEG
    full = grey(FULL)
    out = os.path.join(TMP, "full")
    run("dcmcjpeg", "+e1", save(base_dataset(full, modality="DX", view="PA"), "full.dcm"), out)
    shutil.copy(out, os.path.join(OUT, "FULL_person148_jpeg_lossless_sv1.dcm"))
    ds, arr = reference_stored(out)
    assert np.array_equal(arr, full)
    manifest.append(("FULL_person148_jpeg_lossless_sv1.dcm", "1.2.840.10008.1.2.4.70", "decode", "lossless", "-", "-"))
    # pydicom's own test files: other modalities and non-image objects
    for f, expect in (("CT_small.dcm", "decode"), ("MR_small.dcm", "decode"), ("MR_small_bigendian.dcm", "decode"),
                      ("image_dfl.dcm", "decode"), ("SC_ybr_full_422_uncompressed.dcm", "decode"),
                      ("SC_rgb_rle.dcm", "decode"), ("test-SR.dcm", "refuse"), ("rtdose_1frame.dcm", "refuse"),
                      ("SC_rgb_jpeg.dcm", "decode"), ("JPEG-lossy.dcm", "refuse")):
        src = os.path.join(PYDICOM_FILES, f)
        ds = pydicom.dcmread(src, force=True)
        ts = str(ds.file_meta.TransferSyntaxUID) if "TransferSyntaxUID" in ds.file_meta else "-"
        shutil.copy(src, os.path.join(OUT, "pydicom_" + f))
        ref = "-"
        if expect == "decode" and ds.SamplesPerPixel == 1:
            arr = ds.pixel_array
            ref = write_png((arr.astype(np.int32) + (32768 if ds.PixelRepresentation else 0)).astype(np.uint16),
                            "pydicom_" + f[:-4] + ".stored.png")
        manifest.append(("pydicom_" + f, ts, expect, "lossless", ref, "-"))
    with open(os.path.join(OUT, "manifest.tsv"), "w") as m:
        m.write("# file\ttransfer_syntax\texpect\tlossless\tstored_reference\trender_reference\n")
        for row in manifest:
            m.write("\t".join(row) + "\n")
    shutil.rmtree(TMP)


if __name__ == "__main__":
    sys.exit(main())
