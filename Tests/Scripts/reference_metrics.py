#!/usr/bin/env python3
"""Independent reference values for Haven's segmentation metrics on the bundled real case.

Computes every metric of Docs/metrics.md with NumPy and SciPy on the whole grid (no bounding
boxes): surfaces as mask XOR binary_erosion(mask) (6-neighbour structure, outside the grid counts
as background) and exact distances from scipy.ndimage.distance_transform_edt with the voxel
spacing of each axis. Run it with numpy, scipy and nibabel installed:

    python3 Tests/Scripts/reference_metrics.py [reference.nii.gz prediction.nii.gz [labels...]]

With --spacing SX SY SZ the files' voxel sizes are replaced by the given ones (an anisotropic check
of the distance code on real shapes).

Defaults: example_seg.nii.gz (full model) as reference, example_seg_fast.nii.gz as prediction,
labels 30 31 32 33, boundary F1 tolerance 2 mm.
"""
import os
import sys

import nibabel
import numpy as np
from scipy import ndimage

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "..", "SampleData", "totalsegmentator-example")
TOLERANCE_MM = 2.0


def surface(mask):
    return mask & ~ndimage.binary_erosion(mask)


def metrics(ref, pred, spacing):
    tp = float(np.count_nonzero(ref & pred))
    fp = float(np.count_nonzero(~ref & pred))
    fn = float(np.count_nonzero(ref & ~pred))
    tn = float(ref.size) - tp - fp - fn
    n = tp + fp + fn + tn
    sens = tp / (tp + fn)
    spec = tn / (tn + fp)
    chance = ((tp + fp) * (tp + fn) + (tn + fn) * (tn + fp)) / (n * n)
    out = {
        "tp": tp, "fp": fp, "fn": fn, "tn": tn,
        "dice": 2 * tp / (2 * tp + fp + fn),
        "iou": tp / (tp + fp + fn),
        "accuracy": (tp + tn) / n,
        "precision": tp / (tp + fp),
        "sensitivity": sens,
        "specificity": spec,
        "auc": (sens + spec) / 2,
        "kappa": ((tp + tn) / n - chance) / (1 - chance),
    }
    sr, sp = surface(ref), surface(pred)
    to_ref = ndimage.distance_transform_edt(~sr, sampling=spacing)[sp]
    to_pred = ndimage.distance_transform_edt(~sp, sampling=spacing)[sr]
    out["hausdorff"] = max(to_ref.max(), to_pred.max())
    out["hausdorff95_maxOfDirected"] = max(np.percentile(to_ref, 95), np.percentile(to_pred, 95))
    out["hausdorff95_pooled"] = np.percentile(np.concatenate([to_ref, to_pred]), 95)
    out["assd"] = np.concatenate([to_ref, to_pred]).mean()
    precision_b = np.mean(to_ref <= TOLERANCE_MM)
    recall_b = np.mean(to_pred <= TOLERANCE_MM)
    out["boundaryF1"] = 2 * precision_b * recall_b / (precision_b + recall_b) if precision_b + recall_b else 0.0
    out["surface_ref"], out["surface_pred"] = int(sr.sum()), int(sp.sum())
    return out


def main():
    args = sys.argv[1:]
    override = None
    if "--spacing" in args:
        at = args.index("--spacing")
        override = [float(a) for a in args[at + 1:at + 4]]
        del args[at:at + 4]
    ref_path = args[0] if args else os.path.join(SAMPLES, "example_seg.nii.gz")
    pred_path = args[1] if len(args) > 1 else os.path.join(SAMPLES, "example_seg_fast.nii.gz")
    labels = [int(a) for a in args[2:]] or [30, 31, 32, 33]
    ref_img, pred_img = nibabel.load(ref_path), nibabel.load(pred_path)
    spacing = override or [float(z) for z in ref_img.header.get_zooms()[:3]]
    ref = np.asanyarray(ref_img.dataobj)
    pred = np.asanyarray(pred_img.dataobj)
    print("spacing", spacing)
    for label in labels:
        values = metrics(ref == label, pred == label, spacing)
        print(label, " ".join(f"{k}={float(v)!r}" for k, v in values.items()))


if __name__ == "__main__":
    main()
