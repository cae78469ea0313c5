package fr.mssante.ejb.mailbox.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import fr.mssante.connector.api.imap.SearchKey;
import fr.mssante.connector.api.imap.SearchKey.Comparison;

/** Shared fixtures for the SearchEvaluator*Test classes (flat classes: the -Dtest pattern skips @Nested). */
final class Keys {

    private Keys() {
    }

    static final String HEADERS = "Return-Path: <andre.martin@chu.example>\r\n"
            + "Received: from mx1.example by mx2.example\r\n"
            + "Received: from relay.chu.example by mx1.example\r\n"
            + "From: =?UTF-8?Q?Dr_Andr=C3=A9_Martin?= <andre.martin@chu.example>\r\n"
            + "To: =?ISO-8859-1?Q?H=E9l=E8ne_L=E9ger?= <helene.leger@cabinet.example>\r\n"
            + "Cc: secretariat@chu.example\r\n"
            + "Subject: =?UTF-8?Q?Compte-rendu_d'hospitalisation?=\r\n"
            + " =?UTF-8?B?IC0gTWFkYW1lIETDqWxpYmVz?=\r\n" // " - Madame Délibes"
            + "X-Priority-Note:\r\n"
            + "Date: Fri, 15 Mar 2024 09:59:00 +0100\r\n";

    static boolean matches(SearchKey key, Candidates candidate) {
        return SearchEvaluator.compile(key).test(candidate.build());
    }

    static SearchKey header(String field, String value) {
        return new SearchKey.Header(field, value);
    }

    static SearchKey body(String value) {
        return new SearchKey.Text(value, false);
    }

    static SearchKey text(String value) {
        return new SearchKey.Text(value, true);
    }

    static SearchKey uids(long... bounds) {
        List<long[]> ranges = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            ranges.add(Arrays.copyOfRange(bounds, i, i + 2));
        }
        return new SearchKey.Uids(ranges);
    }

    static SearchKey internal(Comparison comparison, String date) {
        return new SearchKey.Date(comparison, LocalDate.parse(date), false);
    }

    static SearchKey sent(Comparison comparison, String date) {
        return new SearchKey.Date(comparison, LocalDate.parse(date), true);
    }
}
