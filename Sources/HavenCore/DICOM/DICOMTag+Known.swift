/// The attributes Haven reads or writes by name.
extension DICOMTag {
    public static let mediaStorageSOPClassUID = DICOMTag(0x0002, 0x0002)
    public static let mediaStorageSOPInstanceUID = DICOMTag(0x0002, 0x0003)
    public static let transferSyntaxUID = DICOMTag(0x0002, 0x0010)
    public static let imageType = DICOMTag(0x0008, 0x0008)
    public static let sopClassUID = DICOMTag(0x0008, 0x0016)
    public static let sopInstanceUID = DICOMTag(0x0008, 0x0018)
    public static let studyDate = DICOMTag(0x0008, 0x0020)
    public static let modality = DICOMTag(0x0008, 0x0060)
    public static let modalitiesInStudy = DICOMTag(0x0008, 0x0061)
    public static let seriesDescription = DICOMTag(0x0008, 0x103e)
    public static let retrieveURL = DICOMTag(0x0008, 0x1190)
    public static let patientName = DICOMTag(0x0010, 0x0010)
    public static let patientID = DICOMTag(0x0010, 0x0020)
    public static let patientBirthDate = DICOMTag(0x0010, 0x0030)
    public static let patientIdentityRemoved = DICOMTag(0x0012, 0x0062)
    public static let deidentificationMethod = DICOMTag(0x0012, 0x0063)
    public static let studyInstanceUID = DICOMTag(0x0020, 0x000d)
    public static let seriesInstanceUID = DICOMTag(0x0020, 0x000e)
    public static let seriesNumber = DICOMTag(0x0020, 0x0011)
    public static let instanceNumber = DICOMTag(0x0020, 0x0013)
    public static let imagePositionPatient = DICOMTag(0x0020, 0x0032)
    public static let imageOrientationPatient = DICOMTag(0x0020, 0x0037)
    public static let frameOfReferenceUID = DICOMTag(0x0020, 0x0052)
    public static let numberOfStudyRelatedSeries = DICOMTag(0x0020, 0x1206)
    public static let numberOfStudyRelatedInstances = DICOMTag(0x0020, 0x1208)
    public static let numberOfSeriesRelatedInstances = DICOMTag(0x0020, 0x1209)
    public static let longitudinalTemporalInformationModified = DICOMTag(0x0028, 0x0303)
    public static let rows = DICOMTag(0x0028, 0x0010)
    public static let columns = DICOMTag(0x0028, 0x0011)
    public static let pixelSpacing = DICOMTag(0x0028, 0x0030)

    /// Attributes whose UIDs name a kind of object or encoding, not a patient's data, and so stay as they are.
    public static let classUIDs: Set<DICOMTag> = [
        mediaStorageSOPClassUID, transferSyntaxUID, DICOMTag(0x0002, 0x0012), sopClassUID, DICOMTag(0x0008, 0x001a),
        DICOMTag(0x0008, 0x001b), DICOMTag(0x0008, 0x0062), DICOMTag(0x0008, 0x1150), DICOMTag(0x0004, 0x1510),
    ]
}
