/// Checks that a series forms one volume: one orientation, one grid, evenly spaced positions, no slice missing.
///
/// Spacing comes from Image Position (Patient) projected on the slice normal (row × column direction), never from
/// Slice Thickness or Spacing Between Slices, which are optional and often wrong. Instances that do not fit are
/// named and left out; the rest are kept.
public enum SeriesCheck {
    /// Orientations whose direction cosines differ by less than this count as the same.
    static let orientationTolerance = 1e-3
    /// Positions closer than this along the normal, in mm, count as the same slice.
    static let duplicateTolerance = 1e-2
    /// Neighbours further apart than this many spacings have slices missing between them.
    static let gapFactor = 1.5

    public static func check(_ instances: [SeriesInstance]) -> SeriesReport {
        var faults: [SeriesFault] = []
        let placed = instances.filter { instance in
            guard instance.orientation?.count == 6, instance.position?.count == 3, instance.rows != nil else {
                faults.append(fault(.noGeometry, instance, "has no usable orientation, position or size"))
                return false
            }
            return true
        }
        let main = mainGroup(placed, faults: &faults)
        guard let first = main.first, let orientation = first.orientation else {
            return SeriesReport(
                kept: [], excluded: instances.map(\.id), faults: faults, sliceSpacing: nil, pixelSpacing: nil,
                rows: nil, columns: nil)
        }
        let normal = cross(Array(orientation[0..<3]), Array(orientation[3..<6]))
        let sorted = main.map { (instance: $0, distance: dot($0.position ?? [], normal)) }.sorted {
            $0.distance < $1.distance
        }
        let (kept, spacing) = placeAlongNormal(sorted, faults: &faults)
        let keptIDs = kept.map(\.id)
        return SeriesReport(
            kept: keptIDs, excluded: instances.map(\.id).filter { !Set(keptIDs).contains($0) }, faults: faults,
            sliceSpacing: spacing, pixelSpacing: first.pixelSpacing, rows: first.rows, columns: first.columns)
    }

    /// The largest set of instances sharing one orientation and grid; the others get faults.
    static func mainGroup(_ instances: [SeriesInstance], faults: inout [SeriesFault]) -> [SeriesInstance] {
        var groups: [[SeriesInstance]] = []
        for instance in instances {
            if let index = groups.firstIndex(where: { sameOrientation($0[0], instance) }) {
                groups[index].append(instance)
            } else {
                groups.append([instance])
            }
        }
        guard let main = groups.max(by: { $0.count < $1.count }) else { return [] }
        for group in groups where group[0].id != main[0].id {
            for instance in group {
                faults.append(
                    fault(
                        .otherOrientation, instance,
                        "faces another way (orientation \(describe(instance.orientation ?? []))) than the "
                            + "\(main.count) images of the volume (\(describe(main[0].orientation ?? []))); "
                            + "a scout or localizer image is left out"))
            }
        }
        return main.filter { instance in
            guard instance.rows == main[0].rows, instance.columns == main[0].columns,
                close(instance.pixelSpacing ?? [], main[0].pixelSpacing ?? [], 1e-4)
            else {
                faults.append(fault(.otherGrid, instance, "has another size or pixel spacing than the volume"))
                return false
            }
            return true
        }
    }

    /// Drops duplicates, then reports gaps and uneven steps between neighbours; returns the kept and the spacing.
    static func placeAlongNormal(
        _ sorted: [(instance: SeriesInstance, distance: Double)], faults: inout [SeriesFault]
    ) -> ([SeriesInstance], Double?) {
        var unique: [(instance: SeriesInstance, distance: Double)] = []
        for entry in sorted {
            if let last = unique.last, abs(entry.distance - last.distance) < duplicateTolerance {
                faults.append(
                    fault(.duplicatePosition, entry.instance, "sits at the same position as \(last.instance.id)"))
            } else {
                unique.append(entry)
            }
        }
        let steps = zip(unique, unique.dropFirst()).map { $1.distance - $0.distance }
        guard let spacing = median(steps) else { return (unique.map(\.instance), nil) }
        for (index, step) in steps.enumerated() {
            let before = unique[index].instance
            let after = unique[index + 1].instance
            faults += stepFault(step, spacing: spacing, before, after).map { [$0] } ?? []
        }
        return (unique.map(\.instance), spacing)
    }

    static func stepFault(
        _ step: Double, spacing: Double, _ before: SeriesInstance, _ after: SeriesInstance
    ) -> SeriesFault? {
        let around =
            "between \(before.id) at \(describe(before.position ?? [])) and \(after.id) at "
            + "\(describe(after.position ?? []))"
        if step > spacing * gapFactor {
            let missing = Int((step / spacing).rounded()) - 1
            return SeriesFault(
                kind: .gap, instances: [before.id, after.id],
                message: "gap of \(mm(step)) mm \(around), where the series steps \(mm(spacing)) mm: "
                    + "about \(missing) slice(s) missing")
        }
        if abs(step - spacing) > max(1e-3, spacing * 0.01) {
            return SeriesFault(
                kind: .unevenSpacing, instances: [before.id, after.id],
                message: "step of \(mm(step)) mm \(around), where the series steps \(mm(spacing)) mm")
        }
        return nil
    }

    static func sameOrientation(_ a: SeriesInstance, _ b: SeriesInstance) -> Bool {
        close(a.orientation ?? [], b.orientation ?? [], orientationTolerance)
    }

    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    static func fault(_ kind: SeriesFault.Kind, _ instance: SeriesInstance, _ what: String) -> SeriesFault {
        SeriesFault(kind: kind, instances: [instance.id], message: "\(instance.id) \(what)")
    }

    static func cross(_ a: [Double], _ b: [Double]) -> [Double] {
        [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// A length in mm to three decimals, without trailing zeros.
    static func mm(_ value: Double) -> String {
        var text = String(Double((value * 1000).rounded()) / 1000)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    static func describe(_ values: [Double]) -> String {
        "(" + values.map(mm).joined(separator: ", ") + ")"
    }
}
