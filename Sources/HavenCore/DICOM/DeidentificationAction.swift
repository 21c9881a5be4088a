/// What the confidentiality profile does with one attribute (the action codes of DICOM PS3.15 table E.1-1).
public enum DeidentificationAction: Sendable, Hashable {
    /// `X`: remove the attribute wherever it appears, nested sequences included.
    case remove
    /// `Z`: keep the attribute with an empty value.
    case empty
    /// `D`: replace the value with a non-identifying one of the same kind.
    case pseudonym
}
