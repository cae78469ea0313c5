package fr.mssante.ejb.jms;

import jakarta.jms.MapMessage;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** A {@link MapMessage} holding its entries in a map, enough for encode/decode round trips without a broker. */
public final class InMemoryMapMessage {

    private InMemoryMapMessage() {
    }

    public static MapMessage create() {
        Map<String, Object> entries = new HashMap<>();
        return (MapMessage) Proxy.newProxyInstance(MapMessage.class.getClassLoader(), new Class<?>[]{MapMessage.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setString", "setInt" -> entries.put((String) args[0], args[1]);
                    case "getString" -> entries.get((String) args[0]);
                    case "getInt" -> (Integer) entries.get((String) args[0]);
                    case "itemExists" -> entries.containsKey((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
