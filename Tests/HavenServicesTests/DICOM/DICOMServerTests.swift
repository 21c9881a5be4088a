import Testing

/// The tests that drive the real Orthanc servers and the DICOM tools, run one at a time: each starts many short
/// processes, and together they would starve the rest of the suite of the machine's cores.
@Suite(.serialized) enum DICOMServerTests {}
