package org.peermarket.platform;

import java.util.Map;

/** Where committed events go: public market data to everyone, fills to their owner only. */
public interface Publisher {
    Publisher NONE = new Publisher() {
        @Override
        public void publicEvent(Map<String, Object> event) {}

        @Override
        public void privateEvent(String participant, Map<String, Object> event) {}
    };

    void publicEvent(Map<String, Object> event);

    void privateEvent(String participant, Map<String, Object> event);
}
