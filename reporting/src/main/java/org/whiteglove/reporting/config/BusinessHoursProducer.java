package org.whiteglove.reporting.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.whiteglove.reporting.domain.BusinessHours;

/** The staffed hours from configuration, as the domain object that judges "after hours". */
public class BusinessHoursProducer {

    @Produces
    @Singleton
    BusinessHours businessHours(ReportingConfig config) {
        ReportingConfig.BusinessHoursConfig hours = config.businessHours();
        return new BusinessHours(config.timeZone(), hours.days(), hours.start(), hours.end());
    }
}
