/// Works out how to de-identify one file under the basic confidentiality profile and a project's policy.
///
/// Profile attributes are removed, emptied or replaced wherever they appear; private attributes are removed
/// unless allow-listed; every UID that is not a class or DICOM-defined UID is replaced by `uid`, which must give
/// the same new UID for the same original; dates move by `dateShiftDays` when the policy shifts them.
public struct DeidentificationPlanner: Sendable {
    public var policy: DeidentificationPolicy
    public var allowedPrivate: Set<DICOMTag>
    public var dateShiftDays: Int
    /// The project's pseudonym for the patient; it replaces the patient's name and id.
    public var patientPseudonym: String
    public var uid: @Sendable (String) -> String

    public init(
        policy: DeidentificationPolicy, dateShiftDays: Int, patientPseudonym: String,
        uid: @escaping @Sendable (String) -> String
    ) throws(DICOMError) {
        self.policy = policy
        self.allowedPrivate = try policy.privateAllowList()
        self.dateShiftDays = dateShiftDays
        self.patientPseudonym = patientPseudonym
        self.uid = uid
    }

    /// What De-identification Method records for this policy: several values, each within the 64 characters of LO.
    public var methodDescription: String {
        let dates = policy.dates == .shift ? "dates shifted per project" : "dates kept"
        let privates =
            allowedPrivate.isEmpty
            ? "private attributes removed" : "\(allowedPrivate.count) allow-listed private attributes kept"
        return ["Haven PS3.15 basic profile", "UIDs replaced per project", dates, privates].joined(separator: "\\")
    }

    /// The plan for `dataset`.
    public func plan(_ dataset: DICOMDataset) -> DeidentificationPlan {
        var sets: [DICOMEdit] = []
        var erased: Set<DICOMTag> = []
        var uids: [String: String] = [:]
        var identifying: [DICOMTag: [String]] = [:]

        for element in dataset.elements where !isInsideRemoved(element) {
            switch disposition(element) {
            case .erase:
                // dcmodify cannot erase file meta information; it writes that group afresh, without
                // Source Application Entity Title, when it saves, and the check confirms it is gone.
                if !element.tag.isFileMeta { erased.insert(element.tag) }
                if Self.isScanned(element) { identifying[element.tag, default: []] += element.values }
            case .set(let value):
                if Self.isScanned(element) { identifying[element.tag, default: []] += element.values }
                sets.append(.set(location: element.location, value: value))
            case .replaceUIDs:
                let replaced = element.values.map { original in
                    let new = original.isEmpty ? original : uid(original)
                    if !original.isEmpty { uids[original] = new }
                    return new
                }
                sets.append(.set(location: element.location, value: replaced.joined(separator: "\\")))
            case .shiftDates:
                let shifted = element.values.map { DICOMDate.shift($0, byDays: -dateShiftDays) ?? "" }
                sets.append(.set(location: element.location, value: shifted.joined(separator: "\\")))
            case .keep:
                break
            }
        }
        return DeidentificationPlan(
            edits: sets + markers() + erased.sorted().map(DICOMEdit.eraseAll), uids: uids,
            identifyingText: identifying.filter { !$0.value.allSatisfy(\.isEmpty) })
    }

    enum Disposition {
        case erase, set(String), replaceUIDs, shiftDates, keep
    }

    func disposition(_ element: DICOMElement) -> Disposition {
        let tag = element.tag
        if tag.isPrivate {
            if tag.isPrivateCreator {
                return allowedPrivate.contains { $0.privateCreator == tag } ? .keep : .erase
            }
            return allowedPrivate.contains(tag) ? .keep : .erase
        }
        switch DeidentificationProfile.actions[tag] {
        case .remove: return .erase
        case .empty: return element.values.allSatisfy(\.isEmpty) ? .keep : .set("")
        case .pseudonym: return .set(patientPseudonym)
        case nil: break
        }
        if tag.isFileMeta { return .keep }
        if element.vr == "UI" { return Self.isReplaceable(element) ? .replaceUIDs : .keep }
        if policy.dates == .shift && (element.vr == "DA" || element.vr == "DT") && !element.values.allSatisfy(\.isEmpty)
        {
            return .shiftDates
        }
        return .keep
    }

    /// Whether a UID attribute names this patient's data (and so is replaced), rather than a class or standard UID.
    static func isReplaceable(_ element: DICOMElement) -> Bool {
        !DICOMTag.classUIDs.contains(element.tag)
            && !element.values.allSatisfy { $0.isEmpty || $0.hasPrefix("1.2.840.10008.") }
    }

    /// Whether a removed value, left anywhere in the file, would still identify: names, ids, addresses, the
    /// institution and its equipment, the birth date. Free-text descriptions are removed too, but their words
    /// (such as "Body") rightly recur in attributes that stay, so they are not searched for.
    static func isScanned(_ element: DICOMElement) -> Bool {
        guard !element.tag.isPrivate else { return false }
        return element.vr == "PN" || DeidentificationProfile.identifying.contains(element.tag)
    }

    /// Attributes inside a sequence that is removed need no change of their own.
    func isInsideRemoved(_ element: DICOMElement) -> Bool {
        element.path.contains { step in
            step.sequence.isPrivate || DeidentificationProfile.actions[step.sequence] == .remove
        }
    }

    func markers() -> [DICOMEdit] {
        var edits: [DICOMEdit] = [
            .set(location: DICOMTag.patientIdentityRemoved.description, value: "YES"),
            .set(location: DICOMTag.deidentificationMethod.description, value: methodDescription),
        ]
        if policy.dates == .shift {
            edits.append(
                .set(location: DICOMTag.longitudinalTemporalInformationModified.description, value: "MODIFIED"))
        }
        return edits
    }
}
