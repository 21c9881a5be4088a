import HavenCore
import Testing

@Suite struct DICOMDateTests {
    @Test func shiftsAcrossMonthsLeapDaysAndYears() {
        // By calendar: 2024 is a leap year, 2023 is not; 2000 was a leap year (divisible by 400), 1900 was not.
        #expect(DICOMDate.shift("20240301", byDays: -1) == "20240229")
        #expect(DICOMDate.shift("20230301", byDays: -1) == "20230228")
        #expect(DICOMDate.shift("20000301", byDays: -1) == "20000229")
        #expect(DICOMDate.shift("19000301", byDays: -1) == "19000228")
        #expect(DICOMDate.shift("20221208", byDays: -365) == "20211208")
        #expect(DICOMDate.shift("19991231", byDays: 1) == "20000101")
    }

    @Test func keepsTheTimePartOfADateTimeAndRefusesWhatIsNotADate() {
        #expect(DICOMDate.shift("20221208140352.457000", byDays: -8) == "20221130140352.457000")
        #expect(DICOMDate.shift("2022-12-08", byDays: 1) == nil)
        #expect(DICOMDate.shift("20221308", byDays: 1) == nil)
    }
}
