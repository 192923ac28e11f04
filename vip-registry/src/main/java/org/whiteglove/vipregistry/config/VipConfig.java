package org.whiteglove.vipregistry.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/** Settings of the VIP registry ({@code whiteglove.vip.*}). */
@ConfigMapping(prefix = "whiteglove.vip")
public interface VipConfig {

    /** The tiers a VIP may have; the prioritizer's policy is set per tier. */
    @WithDefault("EXECUTIVE,CRITICAL_ROLE")
    List<String> tiers();

    /** Region of phone numbers written without a country code (ISO 3166). */
    @WithDefault("US")
    String phoneDefaultRegion();
}
