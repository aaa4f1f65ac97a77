package dev.herald.example.inbox;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Form login for browsers, HTTP Basic for scripts; everything but the login page needs a
 * signed-in user, the hub's endpoint included: Herald then gives each user the private updates of
 * their own inbox ({@code herald.auth.signed-in-topics}) and nobody else's.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    @Bean
    InboxUsers users() {
        return new InboxUsers();
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/error", "/inbox.css", "/actuator/health").permitAll()
                        .anyRequest().authenticated())
                // Who is asking decides how to ask for a sign-in: the page's own requests get a bare 401
                // (it goes to the login page itself), a browser's navigations and EventSources are sent to
                // the login page, scripts get a Basic challenge (a browser would open a password dialog).
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                request -> "XMLHttpRequest".equals(request.getHeader("X-Requested-With")))
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                request -> request.getHeader("Sec-Fetch-Mode") != null))
                .formLogin(Customizer.withDefaults())
                .httpBasic(Customizer.withDefaults())
                .logout(Customizer.withDefaults())
                // The page sends the token from the XSRF-TOKEN cookie; scripts with Basic credentials need none
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(SecurityConfig::basicCredentials))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
                .build();
    }

    /**
     * A script's request: Basic credentials, and not a browser's cross-site request (a browser that
     * cached Basic credentials would attach them to one, and says where it comes from).
     */
    private static boolean basicCredentials(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        String site = request.getHeader("Sec-Fetch-Site");
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                && (site == null || site.equals("same-origin") || site.equals("none"));
    }
}
