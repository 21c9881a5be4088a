/// One step down into a sequence: the sequence attribute and the zero-based item inside it.
public struct DICOMPathStep: Sendable, Hashable {
    public var sequence: DICOMTag
    public var item: Int

    public init(sequence: DICOMTag, item: Int) {
        self.sequence = sequence
        self.item = item
    }
}
