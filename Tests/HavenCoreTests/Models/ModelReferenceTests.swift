import HavenCore
import Testing

@Suite struct ModelReferenceTests {
    @Test func nameAndVersionSplitAtTheColon() throws {
        let reference = try #require(ModelReference("spine-seg:1.2.0"))
        #expect(reference.name == "spine-seg")
        #expect(reference.version == "1.2.0")
        #expect(reference.description == "spine-seg:1.2.0")
    }

    @Test(arguments: ["spine-seg", "spine-seg:", ":1", "a:b:c", ""])
    func textWithoutExactlyOneNameAndVersionIsRefused(text: String) {
        #expect(ModelReference(text) == nil)
    }
}
