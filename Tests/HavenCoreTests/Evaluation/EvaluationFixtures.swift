import HavenCore

/// Hand-built label maps for the evaluation tests.
enum EvaluationFixtures {
    /// A grid of `shape` voxels with `spacing` mm, identity orientation.
    static func grid(_ x: Int, _ y: Int, _ z: Int, spacing: [Double] = [1, 1, 1]) -> VoxelGrid {
        VoxelGrid(shape: VolumeShape(x: x, y: y, z: z), spacing: spacing)
    }

    /// Label 1 on every voxel whose centre lies within `radius` mm of the grid's centre.
    static func sphere(radius: Double, on grid: VoxelGrid) -> LabelMap {
        let shape = grid.shape
        let centre = [shape.x, shape.y, shape.z].enumerated().map {
            Double($0.element - 1) / 2 * grid.spacing[$0.offset]
        }
        var labels = [UInt16](repeating: 0, count: shape.count)
        for z in 0..<shape.z {
            for y in 0..<shape.y {
                for x in 0..<shape.x {
                    let dx = Double(x) * grid.spacing[0] - centre[0]
                    let dy = Double(y) * grid.spacing[1] - centre[1]
                    let dz = Double(z) * grid.spacing[2] - centre[2]
                    if dx * dx + dy * dy + dz * dz <= radius * radius {
                        labels[shape.index(x: x, y: y, z: z)] = 1
                    }
                }
            }
        }
        return LabelMap(labels: labels, grid: grid)
    }
}
