import Dispatch

/// The surface voxels of every label of one map, found in one pass over the map.
///
/// A voxel is on the surface of its label when one of its six face neighbours holds another label
/// or lies outside the grid. The pass is split into slabs of z, one per core; each slab keeps its
/// own lists, joined in slab order, so every list is in ascending flat-index order.
struct SurfaceCensus {
    /// Per label, the flat indices of its surface voxels; empty for labels not in the map.
    let surfaces: [[Int]]

    /// Collects the surfaces of the labels marked in `wanted` (indexed by label).
    init(labels: [UInt16], shape: VolumeShape, wanted: [Bool]) {
        let slabCount = max(1, min(shape.z, ParallelWork.coreCount))
        var slabs = [[[Int]]](repeating: [], count: slabCount)

        labels.withUnsafeBufferPointer { map in
            slabs.withUnsafeMutableBufferPointer { results in
                let shared = SharedBuffer((map, results))
                DispatchQueue.concurrentPerform(iterations: slabCount) { slab in
                    let (map, results) = shared.pointer
                    let zRange = (shape.z * slab / slabCount)..<(shape.z * (slab + 1) / slabCount)
                    results[slab] = Self.scan(map, shape: shape, z: zRange, wanted: wanted)
                }
            }
        }

        var surfaces = [[Int]](repeating: [], count: wanted.count)
        for slab in slabs {
            for (label, indices) in slab.enumerated() where !indices.isEmpty {
                surfaces[label] += indices
            }
        }
        self.surfaces = surfaces
    }

    private static func scan(
        _ map: UnsafeBufferPointer<UInt16>, shape: VolumeShape, z zRange: Range<Int>, wanted: [Bool]
    ) -> [[Int]] {
        var found = [[Int]](repeating: [], count: wanted.count)
        let strideY = shape.x
        let strideZ = shape.x * shape.y
        for z in zRange {
            for y in 0..<shape.y {
                let row = shape.index(x: 0, y: y, z: z)
                let edgeRow = y == 0 || y == shape.y - 1 || z == 0 || z == shape.z - 1
                for x in 0..<shape.x {
                    let index = row + x
                    let label = map[index]
                    guard label != 0, wanted[Int(label)] else { continue }
                    let onSurface =
                        edgeRow || x == 0 || x == shape.x - 1 || map[index - 1] != label || map[index + 1] != label
                        || map[index - strideY] != label || map[index + strideY] != label
                        || map[index - strideZ] != label || map[index + strideZ] != label
                    if onSurface {
                        found[Int(label)].append(index)
                    }
                }
            }
        }
        return found
    }
}
