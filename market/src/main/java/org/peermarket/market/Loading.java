package org.peermarket.market;

import com.google.ortools.Loader;

/** Loads OR-Tools' native library once per process. */
final class Loading {
    private static volatile boolean loaded;

    private Loading() {}

    static void ensure() {
        if (!loaded) {
            synchronized (Loading.class) {
                if (!loaded) {
                    Loader.loadNativeLibraries();
                    loaded = true;
                }
            }
        }
    }
}
