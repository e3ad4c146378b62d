// Kept out of index.html: the server's Content-Security-Policy allows no inline script.
window.addEventListener('load', function () {
  window.ui = window.SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
  })
})
