/// The vertebra labels of the TotalSegmentator v2 label schema: 25 sacrum, 26 S1, then L5 (27) up to C1 (50).
public enum VertebraLabels {
    /// The name of `label`, or nil when the label is not a vertebra of this schema.
    public static func name(_ label: Int) -> String? {
        switch label {
        case 25: return "sacrum"
        case 26: return "S1"
        case 27...31: return "L\(31 - label + 1)"
        case 32...43: return "T\(43 - label + 1)"
        case 44...50: return "C\(50 - label + 1)"
        default: return nil
        }
    }
}
