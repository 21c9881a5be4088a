extension VoxelGrid {
    /// Every field in which `other` differs from this grid by more than `tolerance`, shape first.
    ///
    /// An empty result means voxel `i` of one map lies where voxel `i` of the other does.
    public func differences(from other: VoxelGrid, tolerance: GridTolerance = GridTolerance())
        -> [GridDifference]
    {
        let axes = ["x", "y", "z"]
        var found: [GridDifference] = []

        let ours = [shape.x, shape.y, shape.z]
        let theirs = [other.shape.x, other.shape.y, other.shape.z]
        for axis in 0..<3 where ours[axis] != theirs[axis] {
            found.append(
                GridDifference(
                    field: .shape, axis: axes[axis], reference: Double(ours[axis]), prediction: Double(theirs[axis])))
        }

        for axis in 0..<3 where abs(spacing[axis] - other.spacing[axis]) > tolerance.spacing {
            found.append(
                GridDifference(
                    field: .spacing, axis: axes[axis], reference: spacing[axis], prediction: other.spacing[axis]))
        }

        for axis in 0..<3 where abs(origin[axis] - other.origin[axis]) > tolerance.origin {
            found.append(
                GridDifference(
                    field: .origin, axis: axes[axis], reference: origin[axis], prediction: other.origin[axis]))
        }

        for axis in 0..<3 {
            for component in 0..<3
            where abs(direction[axis][component] - other.direction[axis][component]) > tolerance.direction {
                found.append(
                    GridDifference(
                        field: .direction, axis: axes[axis], component: axes[component],
                        reference: direction[axis][component], prediction: other.direction[axis][component]))
            }
        }
        return found
    }
}
