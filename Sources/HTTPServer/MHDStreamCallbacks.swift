internal import CMicroHTTPD

/// The content reader callbacks of a streamed response, called by libmicrohttpd on its own threads.
///
/// The context pointer is a ``StreamChannel`` retained when the MHD response is made; MHD calls `free` once
/// when it is done with the response, which closes the channel and releases it.
enum MHDStreamCallbacks {
    /// Preferred size of one read; MHD may ask for less.
    static let blockSize = 64 * 1024

    static let read: MHD_ContentReaderCallback = { context, _, buffer, maximum in
        guard let context, let buffer else { return StreamChannel.endWithError }
        let channel = Unmanaged<StreamChannel>.fromOpaque(context).takeUnretainedValue()
        return channel.read(into: buffer, maximum: maximum)
    }

    static let free: MHD_ContentReaderFreeCallback = { context in
        guard let context else { return }
        Unmanaged<StreamChannel>.fromOpaque(context).takeRetainedValue().close()
    }
}
