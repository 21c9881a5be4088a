/// Checks a de-identified file against its plan: what the profile removes is gone, the markers are set, every UID
/// was replaced, and no identifying text from the original is left anywhere in the file's bytes.
public struct DeidentificationCheck: Sendable {
    public var planner: DeidentificationPlanner

    public init(planner: DeidentificationPlanner) {
        self.planner = planner
    }

    /// The faults of `result` (a dump of the de-identified file) and `bytes` (its content); empty when it passes.
    /// Faults name attributes and locations only, never the identifying values themselves.
    public func faults(_ result: DICOMDataset, bytes: [UInt8], plan: DeidentificationPlan) -> [String] {
        var faults: [String] = []
        let newUIDs = Set(plan.uids.values)
        for element in result.elements {
            if let fault = fault(element, newUIDs: newUIDs) { faults.append(fault) }
        }
        if result.string(.patientIdentityRemoved) != "YES" {
            faults.append("Patient Identity Removed (0012,0062) is not YES")
        }
        faults += leaks(bytes, plan: plan)
        return faults
    }

    func fault(_ element: DICOMElement, newUIDs: Set<String>) -> String? {
        let tag = element.tag
        if tag.isPrivate {
            let kept = planner.allowedPrivate.contains {
                $0 == tag || (tag.isPrivateCreator && $0.privateCreator == tag)
            }
            return kept ? nil : "private attribute \(element.location) remains"
        }
        switch DeidentificationProfile.actions[tag] {
        case .remove: return "\(element.location) remains though the profile removes it"
        case .empty where !element.values.allSatisfy(\.isEmpty): return "\(element.location) is not empty"
        case .pseudonym where element.text != planner.patientPseudonym:
            return "\(element.location) does not hold the project's pseudonym"
        default: break
        }
        if element.vr == "UI", !tag.isFileMeta || tag == .mediaStorageSOPInstanceUID,
            DeidentificationPlanner.isReplaceable(element), !element.values.allSatisfy(newUIDs.contains)
        {
            return "UID at \(element.location) was not replaced"
        }
        return nil
    }

    /// Identifying words (four characters or more) and original UIDs found in the file's bytes.
    func leaks(_ bytes: [UInt8], plan: DeidentificationPlan) -> [String] {
        var faults: [String] = []
        for (tag, values) in plan.identifyingText.sorted(by: { $0.key < $1.key }) {
            let words = values.flatMap(Self.words)
            if words.contains(where: { ByteSearch.contains(bytes, Array($0.utf8)) }) {
                faults.append("text of \(tag) is still in the file")
            }
        }
        if plan.uids.keys.contains(where: { ByteSearch.contains(bytes, Array($0.utf8)) }) {
            faults.append("an original UID is still in the file")
        }
        return faults
    }

    /// The parts of a value worth searching for: runs of letters and digits of four characters or more, and of
    /// eight or more when only digits (shorter digit runs turn up by chance inside the new UIDs).
    static func words(_ value: String) -> [String] {
        value.split { !($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }.map(String.init).filter { word in
            word.count >= (word.allSatisfy(\.isNumber) ? 8 : 4)
        }
    }
}
