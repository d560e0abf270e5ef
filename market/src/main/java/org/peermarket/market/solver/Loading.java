package org.peermarket.market.solver;

import com.google.ortools.Loader;

/** Loads OR-Tools' native library once per process. */
public final class Loading {
    private static volatile boolean loaded;

    private Loading() {}

    public static void ensure() {
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
