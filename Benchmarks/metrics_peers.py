#!/usr/bin/env python3
"""Synthetic pair generator and peer implementations for Haven's metrics benchmark.

    metrics_peers.py generate OUT_DIR          writes reference.nii.gz and prediction.nii.gz
    metrics_peers.py scipy|sitk|monai REF PRED VALUES.json
    metrics_peers.py compare README.md TIMINGS.tsv haven.json scipy.json ...

Each peer computes, per label, what it can of Dice, IoU, precision, sensitivity, specificity,
HD, HD95 (larger of the two directed 95th percentiles) and ASSD (mean of both directed sets),
with surfaces as voxels that have a face neighbour outside the mask.
"""
import json
import sys

import numpy as np

SHAPE = (256, 256, 300)
SPACING = (0.8, 0.8, 1.5)
LABELS = 25


def generate(folder):
    import nibabel
    from scipy import ndimage

    rng = np.random.default_rng(7)
    x, y = np.meshgrid(np.arange(SHAPE[0]) * SPACING[0], np.arange(SHAPE[1]) * SPACING[1], indexing="ij")
    ref = np.zeros(SHAPE, dtype=np.uint8)
    slab = SHAPE[2] // LABELS
    for label in range(1, LABELS + 1):
        z0 = (label - 1) * slab + 1
        z1 = z0 + slab - 2
        cx, cy = 102.4 + rng.normal(0, 3), 90 + rng.normal(0, 3)
        body = ((x - cx) / 22) ** 2 + ((y - cy) / 17) ** 2 <= 1
        ring = (((x - cx) / 16) ** 2 + ((y - cy - 32) / 14) ** 2 <= 1) & ~(
            ((x - cx) / 9) ** 2 + ((y - cy - 32) / 8) ** 2 <= 1)
        spine = (np.abs(x - cx) <= 3) & (y >= cy + 44) & (y <= cy + 70)
        ref[:, :, z0:z1][(body | ring | spine)] = label

    pred = ref.copy()
    for label in range(1, LABELS + 1):
        mask = ref == label
        if label % 3 == 0:
            mask = ndimage.binary_dilation(mask)
        elif label % 3 == 1:
            mask = ndimage.binary_erosion(mask)
        shift = tuple(int(v) for v in rng.integers(-1, 2, size=3))
        mask = np.roll(mask, shift, axis=(0, 1, 2))
        pred[pred == label] = 0
        pred[mask] = label
    # A few false-positive specks, as a real model makes.
    for _ in range(40):
        px, py, pz = rng.integers(0, SHAPE[0] - 3), rng.integers(0, SHAPE[1] - 3), rng.integers(0, SHAPE[2] - 3)
        pred[px:px + 2, py:py + 2, pz:pz + 2] = rng.integers(1, LABELS + 1)

    affine = np.diag(list(SPACING) + [1.0])
    for name, data in (("reference", ref), ("prediction", pred)):
        image = nibabel.Nifti1Image(data, affine)
        image.header.set_sform(affine, code=1)
        nibabel.save(image, f"{folder}/{name}.nii.gz")


def load(path):
    import nibabel

    image = nibabel.load(path)
    return np.asanyarray(image.dataobj), [float(v) for v in image.header.get_zooms()[:3]]


def distances(to_ref, to_pred):
    both = np.concatenate([to_ref, to_pred])
    return {"hausdorff": float(max(to_ref.max(), to_pred.max())),
            "hausdorff95": float(max(np.percentile(to_ref, 95), np.percentile(to_pred, 95))),
            "assd": float(both.mean())}


def run_scipy(ref, pred, spacing):
    """One pass for boxes (find_objects), then exact EDT per label on its padded union box."""
    from scipy import ndimage

    out = {}
    boxes_r, boxes_p = ndimage.find_objects(ref), ndimage.find_objects(pred)
    for label in range(1, max(len(boxes_r), len(boxes_p)) + 1):
        br = boxes_r[label - 1] if label <= len(boxes_r) else None
        bp = boxes_p[label - 1] if label <= len(boxes_p) else None
        if br is None or bp is None:
            continue
        box = tuple(slice(min(a.start, b.start), max(a.stop, b.stop)) for a, b in zip(br, bp))
        r = np.pad(ref[box] == label, 1)
        p = np.pad(pred[box] == label, 1)
        sr, sp = r & ~ndimage.binary_erosion(r), p & ~ndimage.binary_erosion(p)
        to_ref = ndimage.distance_transform_edt(~sr, sampling=spacing)[sp]
        to_pred = ndimage.distance_transform_edt(~sp, sampling=spacing)[sr]
        out[label] = distances(to_ref, to_pred)
    # Overlap counts for all labels from one histogram pass.
    bins = 65536
    r_count = np.bincount(ref.ravel(), minlength=bins)
    p_count = np.bincount(pred.ravel(), minlength=bins)
    same = ref.ravel()[ref.ravel() == pred.ravel()]
    both = np.bincount(same, minlength=bins)
    n = float(ref.size)
    for label in out:
        tp, fp, fn = float(both[label]), float(p_count[label] - both[label]), float(r_count[label] - both[label])
        tn = n - tp - fp - fn
        out[label].update({"dice": 2 * tp / (2 * tp + fp + fn), "iou": tp / (tp + fp + fn),
                           "precision": tp / (tp + fp), "sensitivity": tp / (tp + fn),
                           "specificity": tn / (tn + fp)})
    return out


def run_sitk(ref, pred, spacing):
    import SimpleITK as sitk

    def image(array):
        result = sitk.GetImageFromArray(np.ascontiguousarray(array.transpose(2, 1, 0)))
        result.SetSpacing(spacing)
        return result

    overlap_filter = sitk.LabelOverlapMeasuresImageFilter()
    overlap_filter.Execute(image(ref), image(pred))
    stats_r, stats_p = sitk.LabelShapeStatisticsImageFilter(), sitk.LabelShapeStatisticsImageFilter()
    stats_r.Execute(image(ref))
    stats_p.Execute(image(pred))
    out = {}
    for label in sorted(set(stats_r.GetLabels()) & set(stats_p.GetLabels())):
        ar, ap = stats_r.GetBoundingBox(label), stats_p.GetBoundingBox(label)
        lo = [min(ar[i], ap[i]) for i in range(3)]
        hi = [max(ar[i] + ar[i + 3], ap[i] + ap[i + 3]) for i in range(3)]
        box = tuple(slice(lo[i], hi[i]) for i in range(3))
        r = image(np.pad(ref[box] == label, 1).astype(np.uint8))
        p = image(np.pad(pred[box] == label, 1).astype(np.uint8))
        sr = sitk.LabelContour(r, fullyConnected=False)
        sp = sitk.LabelContour(p, fullyConnected=False)
        dr = sitk.Abs(sitk.SignedMaurerDistanceMap(sr, insideIsPositive=False, squaredDistance=False,
                                                   useImageSpacing=True))
        dp = sitk.Abs(sitk.SignedMaurerDistanceMap(sp, insideIsPositive=False, squaredDistance=False,
                                                   useImageSpacing=True))
        mr, mp = sitk.GetArrayViewFromImage(sr) > 0, sitk.GetArrayViewFromImage(sp) > 0
        values = distances(sitk.GetArrayViewFromImage(dr)[mp], sitk.GetArrayViewFromImage(dp)[mr])
        tp_fn = float(stats_r.GetNumberOfPixels(label))
        tp_fp = float(stats_p.GetNumberOfPixels(label))
        dice = overlap_filter.GetDiceCoefficient(label)
        tp = dice * (tp_fn + tp_fp) / 2
        tn = float(ref.size) - tp_fn - tp_fp + tp
        values.update({"dice": dice, "iou": overlap_filter.GetJaccardCoefficient(label),
                       "precision": tp / tp_fp, "sensitivity": tp / tp_fn,
                       "specificity": tn / (tn + tp_fp - tp)})
        out[label] = values
    return out


def run_monai(ref, pred, spacing):
    import torch
    from monai.metrics import (compute_average_surface_distance, compute_hausdorff_distance, compute_iou,
                               compute_dice, get_confusion_matrix, compute_confusion_matrix_metric)

    labels = int(max(ref.max(), pred.max()))
    r = torch.from_numpy(ref.astype(np.int64))
    p = torch.from_numpy(pred.astype(np.int64))
    y = torch.nn.functional.one_hot(r, labels + 1).permute(3, 0, 1, 2)[None].float()
    y_pred = torch.nn.functional.one_hot(p, labels + 1).permute(3, 0, 1, 2)[None].float()
    dice = compute_dice(y_pred, y, include_background=False)[0]
    iou = compute_iou(y_pred, y, include_background=False)[0]
    confusion = get_confusion_matrix(y_pred, y, include_background=False)
    precision = compute_confusion_matrix_metric("precision", confusion)[0]
    sensitivity = compute_confusion_matrix_metric("sensitivity", confusion)[0]
    specificity = compute_confusion_matrix_metric("specificity", confusion)[0]
    hd = compute_hausdorff_distance(y_pred, y, include_background=False, spacing=list(spacing))[0]
    hd95 = compute_hausdorff_distance(y_pred, y, include_background=False, percentile=95, spacing=list(spacing))[0]
    assd = compute_average_surface_distance(y_pred, y, include_background=False, symmetric=True,
                                            spacing=list(spacing))[0]
    out = {}
    for index in range(labels):
        out[index + 1] = {name: float(tensor[index]) for name, tensor in (
            ("dice", dice), ("iou", iou), ("precision", precision), ("sensitivity", sensitivity),
            ("specificity", specificity), ("hausdorff", hd), ("hausdorff95", hd95), ("assd", assd))}
    return out


def compare(readme, timings_path, haven_path, peer_paths):
    haven = {int(k): v for k, v in json.load(open(haven_path)).items()}
    timings = dict(line.split("\t")[0:1] + [line.rstrip("\n").split("\t")[1:]] for line in open(timings_path))
    haven_seconds, haven_mb = (float(v) for v in timings["haven"])
    rows = ["| tool | seconds | peak MB | time / Haven | memory / Haven | largest disagreement with Haven |",
            "| --- | ---: | ---: | ---: | ---: | --- |",
            f"| Haven (Swift, release) | {haven_seconds:.2f} | {haven_mb:.0f} | 1.00 | 1.00 | — |"]
    for path in peer_paths:
        tool = path.rsplit("/", 1)[-1].split(".")[0]
        if tool not in timings:
            rows.append(f"| {tool} | failed | | | | |")
            continue
        seconds, mb = (float(v) for v in timings[tool])
        peer = {int(k): v for k, v in json.load(open(path)).items()}
        worst = {}
        for label, values in peer.items():
            for metric, value in values.items():
                ours = haven.get(label, {}).get(metric)
                if ours is None or value is None or not np.isfinite(value):
                    continue
                worst[metric] = max(worst.get(metric, 0.0), abs(ours - value))
        text = ", ".join(f"{m} {v:.2g}" for m, v in sorted(worst.items()))
        rows.append(f"| {tool} | {seconds:.2f} | {mb:.0f} | {seconds / haven_seconds:.1f} | "
                    f"{mb / haven_mb:.1f} | {text} |")
    with open(readme, "a") as handle:
        handle.write("\n".join(rows) + "\n")


def main():
    command = sys.argv[1]
    if command == "generate":
        generate(sys.argv[2])
        return
    if command == "compare":
        compare(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
        return
    ref, spacing = load(sys.argv[2])
    pred, _ = load(sys.argv[3])
    runner = {"scipy": run_scipy, "sitk": run_sitk, "monai": run_monai}[command]
    values = runner(ref, pred, spacing)
    json.dump({str(k): v for k, v in values.items()}, open(sys.argv[4], "w"))


if __name__ == "__main__":
    main()
