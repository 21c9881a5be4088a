/// The 26-connected components of a binary volume, found by breadth-first search over a flat queue.
///
/// Every foreground voxel enters the queue once and checks its 26 neighbours once, so the cost is
/// linear in the voxel count, with two arrays the size of the volume and no allocation per voxel.
struct ComponentLabelling {
    /// Per voxel, 0 for background or the 1-based number of its component in ``components``.
    let labels: [Int32]
    /// Size and bounds of each component, in the order of its first voxel in the flat volume.
    let components: [BoneComponent]

    /// Labels the voxels of `mask` that are not 0.
    init(mask: [UInt8], shape: VolumeShape) {
        precondition(mask.count == shape.count, "one mask value per voxel of the shape is required")
        precondition(shape.count <= Int(Int32.max), "component labelling handles at most 2^31 - 1 voxels")

        var labels = [Int32](repeating: 0, count: mask.count)
        var queue = [Int32](repeating: 0, count: mask.count)
        var components: [BoneComponent] = []

        for seed in mask.indices where mask[seed] != 0 && labels[seed] == 0 {
            let label = Int32(components.count + 1)
            labels[seed] = label
            queue[0] = Int32(seed)
            let component = Self.grow(
                from: shape.coordinate(of: seed), label: label, mask: mask, shape: shape, labels: &labels,
                queue: &queue)
            components.append(component)
        }

        self.labels = labels
        self.components = components
    }

    /// Visits every voxel connected to the seed already at `queue[0]`, labelling it and tracking
    /// its bounds.
    private static func grow(
        from seed: VoxelCoordinate, label: Int32, mask: [UInt8], shape: VolumeShape, labels: inout [Int32],
        queue: inout [Int32]
    ) -> BoneComponent {
        var head = 0
        var tail = 1
        var lower = seed
        var upper = seed

        while head < tail {
            let current = shape.coordinate(of: Int(queue[head]))
            head += 1
            lower = VoxelCoordinate(x: min(lower.x, current.x), y: min(lower.y, current.y), z: min(lower.z, current.z))
            upper = VoxelCoordinate(x: max(upper.x, current.x), y: max(upper.y, current.y), z: max(upper.z, current.z))

            // The 3 x 3 x 3 block around the voxel, clipped to the volume; the voxel itself is
            // already labelled.
            for z in max(current.z - 1, 0)...min(current.z + 1, shape.z - 1) {
                for y in max(current.y - 1, 0)...min(current.y + 1, shape.y - 1) {
                    let row = shape.index(x: 0, y: y, z: z)
                    for x in max(current.x - 1, 0)...min(current.x + 1, shape.x - 1) {
                        let neighbour = row + x
                        guard mask[neighbour] != 0, labels[neighbour] == 0 else { continue }
                        labels[neighbour] = label
                        queue[tail] = Int32(neighbour)
                        tail += 1
                    }
                }
            }
        }
        return BoneComponent(voxelCount: tail, lower: lower, upper: upper)
    }
}
