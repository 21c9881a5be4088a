/// The attributes the DICOM basic application-level confidentiality profile (PS3.15 annex E) removes or
/// replaces, with the action Haven takes for each. UIDs are handled apart: every UID that is not a class or a
/// DICOM-defined UID is replaced (see ``DeidentificationPlanner``).
public enum DeidentificationProfile {
    /// The profile's name as recorded in De-identification Method.
    public static let name = "DICOM PS3.15 basic application-level confidentiality profile"

    /// Attribute actions; tags not listed are kept unless they are private or UIDs.
    public static let actions: [DICOMTag: DeidentificationAction] = {
        var table: [DICOMTag: DeidentificationAction] = [:]
        for tag in removed { table[tag] = .remove }
        for tag in emptied { table[tag] = .empty }
        table[.patientName] = .pseudonym
        table[.patientID] = .pseudonym
        return table
    }()

    static let emptied: [DICOMTag] = [
        DICOMTag(0x0008, 0x0050),  // Accession Number
        DICOMTag(0x0008, 0x0090),  // Referring Physician's Name
        DICOMTag(0x0010, 0x0030),  // Patient's Birth Date
        DICOMTag(0x0010, 0x0040),  // Patient's Sex
        DICOMTag(0x0020, 0x0010),  // Study ID
    ]

    static let removed: [DICOMTag] = identity + staff + places + procedure + references

    /// Attributes whose values identify a person or place wherever they turn up; a de-identified file must not
    /// hold their original values in any of its bytes.
    public static let identifying: Set<DICOMTag> = Set(identity + places + emptied + [.patientName, .patientID])

    /// About the patient.
    static let identity: [DICOMTag] = [
        DICOMTag(0x0010, 0x0021), DICOMTag(0x0010, 0x0032), DICOMTag(0x0010, 0x1000), DICOMTag(0x0010, 0x1001),
        DICOMTag(0x0010, 0x1002), DICOMTag(0x0010, 0x1005), DICOMTag(0x0010, 0x1010), DICOMTag(0x0010, 0x1020),
        DICOMTag(0x0010, 0x1030), DICOMTag(0x0010, 0x1040), DICOMTag(0x0010, 0x1060), DICOMTag(0x0010, 0x1090),
        DICOMTag(0x0010, 0x2154), DICOMTag(0x0010, 0x2160), DICOMTag(0x0010, 0x2180), DICOMTag(0x0010, 0x21b0),
        DICOMTag(0x0010, 0x21c0), DICOMTag(0x0010, 0x4000), DICOMTag(0x0038, 0x0010), DICOMTag(0x0038, 0x0300),
        DICOMTag(0x0038, 0x0400), DICOMTag(0x0040, 0xa730),
    ]

    /// About the people who ordered, performed or read the examination.
    static let staff: [DICOMTag] = [
        DICOMTag(0x0008, 0x0092), DICOMTag(0x0008, 0x0094), DICOMTag(0x0008, 0x0096), DICOMTag(0x0008, 0x1048),
        DICOMTag(0x0008, 0x1049), DICOMTag(0x0008, 0x1050), DICOMTag(0x0008, 0x1052), DICOMTag(0x0008, 0x1060),
        DICOMTag(0x0008, 0x1062), DICOMTag(0x0008, 0x1070), DICOMTag(0x0008, 0x1072), DICOMTag(0x0032, 0x1032),
        DICOMTag(0x0040, 0x0006),
    ]

    /// About the institution and its equipment.
    static let places: [DICOMTag] = [
        DICOMTag(0x0008, 0x0080), DICOMTag(0x0008, 0x0081), DICOMTag(0x0008, 0x0082), DICOMTag(0x0008, 0x1010),
        DICOMTag(0x0008, 0x1040), DICOMTag(0x0018, 0x1000), DICOMTag(0x0002, 0x0016),
    ]

    /// Free text about the examination, which may name anyone or anything.
    static let procedure: [DICOMTag] = [
        DICOMTag(0x0008, 0x1030), DICOMTag(0x0008, 0x103e), DICOMTag(0x0008, 0x1080), DICOMTag(0x0008, 0x1084),
        DICOMTag(0x0008, 0x1032), DICOMTag(0x0018, 0x1030), DICOMTag(0x0020, 0x4000), DICOMTag(0x0032, 0x1060),
        DICOMTag(0x0040, 0x0244), DICOMTag(0x0040, 0x0253), DICOMTag(0x0040, 0x0254), DICOMTag(0x0040, 0x0275),
        DICOMTag(0x0040, 0x1001), DICOMTag(0x0032, 0x1064), DICOMTag(0x0040, 0x0260), DICOMTag(0x0040, 0x0007),
        DICOMTag(0x0040, 0x0009), DICOMTag(0x0040, 0x0241), DICOMTag(0x0040, 0x0242), DICOMTag(0x0040, 0x0243),
        DICOMTag(0x0040, 0x0245), DICOMTag(0x0040, 0x0250), DICOMTag(0x0040, 0x0251), DICOMTag(0x0040, 0x0280),
    ]

    /// References to studies, patients and procedure steps outside what is being shared.
    static let references: [DICOMTag] = [
        DICOMTag(0x0008, 0x1110), DICOMTag(0x0008, 0x1111), DICOMTag(0x0008, 0x1120),
    ]
}
