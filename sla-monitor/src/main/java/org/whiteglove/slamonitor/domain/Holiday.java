package org.whiteglove.slamonitor.domain;

import org.whiteglove.runtime.problem.InvalidFieldException;

import java.time.LocalDate;

/** A whole local day without working time, e.g. 2026-12-25 "Christmas Day". */
public record Holiday(LocalDate date, String name) {

    public Holiday {
        if (date == null) {
            throw new InvalidFieldException("holidays", "a holiday needs a date");
        }
        name = name == null || name.isBlank() ? "holiday" : name.strip();
    }
}
