import Foundation

/// How many pieces the evaluation splits its work into.
enum ParallelWork {
    /// One piece per active core: more only add merging work, fewer leave a core idle.
    static let coreCount = max(1, ProcessInfo.processInfo.activeProcessorCount)
}

/// A buffer pointer handed to the iterations of `DispatchQueue.concurrentPerform`.
///
/// It is `Sendable` unchecked because every use in the evaluation follows one rule: the memory
/// outlives the `concurrentPerform` call, read-only buffers are never written while it runs, and
/// each iteration writes only elements (or lines) that no other iteration touches.
struct SharedBuffer<Pointer>: @unchecked Sendable {
    let pointer: Pointer

    init(_ pointer: Pointer) {
        self.pointer = pointer
    }
}
