/// One libyaml parser event, copied out of C so that the C event can be freed at once.
enum YAMLEvent {
    case streamStart
    case streamEnd
    case documentStart
    case documentEnd
    case mappingStart(YAMLMark)
    case mappingEnd
    case sequenceStart(YAMLMark)
    case sequenceEnd
    case scalar(String, YAMLMark)
    case alias(YAMLMark)
}
