package org.whiteglove.slamonitor.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.whiteglove.events.Roles;
import org.whiteglove.runtime.problem.InvalidFieldException;
import org.whiteglove.slamonitor.domain.BusinessCalendar;
import org.whiteglove.slamonitor.domain.Holiday;
import org.whiteglove.slamonitor.domain.HolidayImport;
import org.whiteglove.slamonitor.domain.WorkingPeriod;
import org.whiteglove.slamonitor.persistence.SettingsStore;

import java.io.StringReader;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Business calendars, and the two questions agents and integrators ask of them. */
@Path("/api/calendars")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Business calendars")
public class CalendarResource {

    public static final String TEXT_CALENDAR = "text/calendar";

    /** A calendar without its name (the name is in the path). */
    public record CalendarRequest(
            @NotNull String timeZone,
            boolean twentyFourSeven,
            Map<DayOfWeek, List<WorkingPeriod>> weeklyHours,
            List<Holiday> holidays) {
    }

    public record DeadlineRequest(@NotNull Instant from, @NotNull Duration businessTime) {
    }

    public record DeadlineAnswer(String calendar, Instant from, Duration businessTime, Instant deadline) {
    }

    public record ElapsedRequest(@NotNull Instant from, @NotNull Instant to) {
    }

    public record ElapsedAnswer(String calendar, Instant from, Instant to, Duration businessTime, Duration calendarTime) {
    }

    public record HolidayImportAnswer(BusinessCalendar calendar, int imported, int ignoredTimedEvents) {
    }

    private final SettingsStore settings;
    private final Clock clock;

    public CalendarResource(SettingsStore settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.MANAGER, Roles.OPS, Roles.AGENT, Roles.INTAKE})
    public List<BusinessCalendar> list() {
        return List.copyOf(settings.settings().calendars().values());
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Roles.MANAGER, Roles.OPS, Roles.AGENT, Roles.INTAKE})
    public BusinessCalendar get(@PathParam("name") String name) {
        return calendar(name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Create or replace a calendar; one without working time is rejected")
    public BusinessCalendar put(@PathParam("name") String name, @NotNull @Valid CalendarRequest request,
                                @Context SecurityContext caller) {
        BusinessCalendar calendar = new BusinessCalendar(name, request.timeZone(), request.twentyFourSeven(),
                request.weeklyHours(), request.holidays());
        return settings.saveCalendar(calendar, caller.getUserPrincipal().getName());
    }

    @POST
    @Path("{name}/holidays")
    @Consumes(TEXT_CALENDAR)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Import holidays from an iCalendar (.ics) file: all-day events, yearly rules expanded over the years given")
    public HolidayImportAnswer importHolidays(@PathParam("name") String name, String body,
                                              @QueryParam("replace") @DefaultValue("false") boolean replace,
                                              @QueryParam("fromYear") Integer fromYear, @QueryParam("toYear") Integer toYear,
                                              @Context SecurityContext caller) {
        BusinessCalendar current = calendar(name);
        int thisYear = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).getYear();
        int first = fromYear == null ? thisYear - 1 : fromYear;
        int last = toYear == null ? thisYear + 5 : toYear;
        if (last < first || last - first > 50) {
            throw new InvalidFieldException("toYear", "toYear must be fromYear … fromYear + 50");
        }
        HolidayImport.Result result = HolidayImport.read(new StringReader(body == null ? "" : body),
                LocalDate.of(first, 1, 1), LocalDate.of(last, 12, 31));
        List<Holiday> holidays = replace ? result.holidays() : BusinessCalendar.merge(current.holidays(), result.holidays());
        BusinessCalendar saved = settings.saveCalendar(current.withHolidays(holidays), caller.getUserPrincipal().getName());
        return new HolidayImportAnswer(saved, result.holidays().size(), result.ignoredTimedEvents());
    }

    @POST
    @Path("{name}/deadline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MANAGER, Roles.OPS, Roles.AGENT, Roles.INTAKE})
    @Operation(summary = "When does this much business time after `from` fall due?")
    public DeadlineAnswer deadline(@PathParam("name") String name, @NotNull @Valid DeadlineRequest request) {
        if (request.businessTime().isNegative()) {
            throw new InvalidFieldException("businessTime", "business time cannot be negative");
        }
        if (request.businessTime().compareTo(Duration.ofDays(3_650)) > 0) {
            throw new InvalidFieldException("businessTime", "business time is at most ten years");
        }
        BusinessCalendar c = calendar(name);
        return new DeadlineAnswer(name, request.from(), request.businessTime(), c.deadline(request.from(), request.businessTime()));
    }

    @POST
    @Path("{name}/elapsed")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.MANAGER, Roles.OPS, Roles.AGENT, Roles.INTAKE})
    @Operation(summary = "How much business time lies between `from` and `to`?")
    public ElapsedAnswer elapsed(@PathParam("name") String name, @NotNull @Valid ElapsedRequest request) {
        if (request.to().isBefore(request.from())) {
            throw new InvalidFieldException("to", "to must not be before from");
        }
        if (Duration.between(request.from(), request.to()).compareTo(Duration.ofDays(3_660)) > 0) {
            throw new InvalidFieldException("to", "from and to are at most ten years apart");
        }
        BusinessCalendar c = calendar(name);
        return new ElapsedAnswer(name, request.from(), request.to(), c.elapsed(request.from(), request.to()),
                Duration.between(request.from(), request.to()));
    }

    private BusinessCalendar calendar(String name) {
        BusinessCalendar c = settings.settings().calendars().get(name);
        if (c == null) {
            throw new NotFoundException("no calendar named " + name);
        }
        return c;
    }
}
