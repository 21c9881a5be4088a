/// Exact distances from each voxel of one surface to the nearest voxel of another.
///
/// The distance transform runs on the smaller of the two surfaces' bounding boxes, so that a few
/// stray voxels far from the rest (a false-positive speck) do not stretch it over the whole grid.
/// Whatever the box leaves out is measured directly: queries outside a feature box against every
/// feature, or features outside a query box against every query. Both parts are exact, and the
/// direct part only ever pairs the few outliers with one surface.
struct DirectedDistances {
    let shape: VolumeShape
    let spacing: SIMD3<Double>

    /// For each of `queries` (flat grid indices), the distance in mm to the nearest of `features`;
    /// `features` must not be empty.
    func callAsFunction(from queries: [Int], to features: [Int], parallel: Bool) -> [Double] {
        let queryBox = Box(covering: queries, shape: shape)
        let featureBox = Box(covering: features, shape: shape)
        let box = cheapestBox(queries: queries, queryBox: queryBox, features: features, featureBox: featureBox)
        let local = box.shape

        let inside = features.filter { box.contains(shape.coordinate(of: $0)) }
        let outside = features.filter { !box.contains(shape.coordinate(of: $0)) }
        let transform = SquaredDistanceTransform(shape: local, spacing: spacing)
        let field = transform(features: inside.map { box.localIndex(of: shape.coordinate(of: $0)) }, parallel: parallel)

        let outsidePoints = outside.map { point(shape.coordinate(of: $0)) }
        let queriesOutside = queries.contains { !box.contains(shape.coordinate(of: $0)) }
        let allPoints = queriesOutside ? features.map { point(shape.coordinate(of: $0)) } : []
        return queries.map { query in
            let coordinate = shape.coordinate(of: query)
            var best = Double.infinity
            if box.contains(coordinate) {
                best = field[box.localIndex(of: coordinate)]
                best = min(best, nearest(point(coordinate), among: outsidePoints))
            } else {
                // Only a feature box leaves queries outside, and then no feature is outside it.
                best = nearest(point(coordinate), among: allPoints)
            }
            return best.squareRoot()
        }
    }

    /// The box among the query box, the feature box and their union with the least estimated
    /// work: a few operations per box voxel for the transform, one per pair measured directly.
    private func cheapestBox(queries: [Int], queryBox: Box, features: [Int], featureBox: Box) -> Box {
        let perVoxel = 8
        let union = queryBox.union(featureBox)
        let queriesOutside = queries.count { !featureBox.contains(shape.coordinate(of: $0)) }
        let featuresOutside = features.count { !queryBox.contains(shape.coordinate(of: $0)) }
        let candidates = [
            (union, union.volume * perVoxel),
            (featureBox, featureBox.volume * perVoxel + queriesOutside * features.count),
            (queryBox, queryBox.volume * perVoxel + featuresOutside * queries.count),
        ]
        return candidates.min { $0.1 < $1.1 }!.0
    }

    private func point(_ coordinate: VoxelCoordinate) -> SIMD3<Double> {
        SIMD3(Double(coordinate.x), Double(coordinate.y), Double(coordinate.z)) * spacing
    }

    /// The smallest squared distance from `point` to any of `points`.
    private func nearest(_ point: SIMD3<Double>, among points: [SIMD3<Double>]) -> Double {
        var best = Double.infinity
        for other in points {
            let offset = other - point
            best = min(best, (offset * offset).sum())
        }
        return best
    }
}

/// An inclusive box of grid coordinates.
private struct Box {
    var lower: VoxelCoordinate
    var upper: VoxelCoordinate

    init(covering indices: [Int], shape: VolumeShape) {
        lower = VoxelCoordinate(x: .max, y: .max, z: .max)
        upper = VoxelCoordinate(x: .min, y: .min, z: .min)
        for index in indices {
            let c = shape.coordinate(of: index)
            lower = VoxelCoordinate(x: min(lower.x, c.x), y: min(lower.y, c.y), z: min(lower.z, c.z))
            upper = VoxelCoordinate(x: max(upper.x, c.x), y: max(upper.y, c.y), z: max(upper.z, c.z))
        }
    }

    func union(_ other: Box) -> Box {
        var joined = self
        joined.lower = VoxelCoordinate(
            x: min(lower.x, other.lower.x), y: min(lower.y, other.lower.y), z: min(lower.z, other.lower.z))
        joined.upper = VoxelCoordinate(
            x: max(upper.x, other.upper.x), y: max(upper.y, other.upper.y), z: max(upper.z, other.upper.z))
        return joined
    }

    var shape: VolumeShape {
        VolumeShape(x: upper.x - lower.x + 1, y: upper.y - lower.y + 1, z: upper.z - lower.z + 1)
    }

    var volume: Int { shape.count }

    func contains(_ c: VoxelCoordinate) -> Bool {
        (lower.x...upper.x).contains(c.x) && (lower.y...upper.y).contains(c.y) && (lower.z...upper.z).contains(c.z)
    }

    func localIndex(of c: VoxelCoordinate) -> Int {
        shape.index(x: c.x - lower.x, y: c.y - lower.y, z: c.z - lower.z)
    }
}
