// t/erpsim/clients/JtdsTest.java: checks erpsim with jTDS 1.3.1 (Debian's
// libjtds-java, pure Java, TDS 7.1, no FreeTDS code). Prints TAP.
// Run by t/erpsim/test-jtds.sh:
//   java -cp jtds.jar:DIR JtdsTest EXPECT.properties ORACLE.tsv PROFILE.hdf
// EXPECT.properties (UTF-8): port, user, password, database, lenovo,
// fullname, artotal_fen, btype_count, from, to, line_doc.
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class JtdsTest {
	static int n = 0;
	static int failed = 0;
	static Properties p = new Properties();

	static void ok(boolean cond, String what, String detail) {
		n++;
		System.out.println((cond ? "ok " : "not ok ") + n + " - " + what);
		if (!cond) {
			failed++;
			if (detail != null)
				System.out.println("# " + detail.replace("\n", "\n# "));
		}
	}

	static void is(Object got, Object want, String what) {
		ok(String.valueOf(got).equals(String.valueOf(want)), what,
		    "got " + got + ", want " + want);
	}

	/* Exact fen from a DECIMAL / MONEY / FLOAT column: half away from zero. */
	static long fen(ResultSet rs, String col) throws SQLException {
		BigDecimal d = rs.getBigDecimal(col);
		if (d == null)
			return 0;
		if (rs.getMetaData().getColumnType(rs.findColumn(col)) == java.sql.Types.DOUBLE
		    || rs.getMetaData().getColumnType(rs.findColumn(col)) == java.sql.Types.FLOAT)
			d = new BigDecimal(Double.toString(rs.getDouble(col)));
		return d.setScale(2, RoundingMode.HALF_UP).movePointRight(2).longValueExact();
	}

	static Connection connect(String extra, String password) throws SQLException {
		String url = "jdbc:jtds:sqlserver://127.0.0.1:" + p.getProperty("port") + "/"
		    + p.getProperty("database") + ";loginTimeout=5;socketTimeout=15" + extra;
		return DriverManager.getConnection(url, p.getProperty("user"), password);
	}

	static String profileSql(String path, String name) throws Exception {
		List<String> lines = Files.readAllLines(Paths.get(path), StandardCharsets.UTF_8);
		boolean in = false;
		for (int i = 0; i < lines.size(); i++) {
			String l = lines.get(i).trim();
			if (l.equals(name + " {"))
				in = true;
			else if (in && l.equals("Sql << EOT")) {
				StringBuilder sb = new StringBuilder();
				for (i++; i < lines.size() && !lines.get(i).equals("EOT"); i++)
					sb.append(lines.get(i)).append('\n');
				return sb.toString();
			}
		}
		/* Not here: the profile it includes (Include = grasp.hdf) has it. */
		for (String l : lines)
			if (l.trim().startsWith("Include")) {
				String inc = l.substring(l.indexOf('=') + 1).trim();
				return profileSql(Paths.get(path).resolveSibling(inc).toString(), name);
			}
		throw new Exception(path + ": no Query." + name + ".Sql");
	}

	/* How a type moves the receivable (DESIGN.md §4; lib/stmt decides it for
	 * the product): profiles return stored, unsigned totals. */
	static int sign(int vchtype) {
		return vchtype == 11 || vchtype == 116 ? 1
		    : vchtype == 45 || vchtype == 4 || vchtype == 115 ? -1 : 0;
	}

	static boolean hasColumn(ResultSet rs, String col) throws SQLException {
		for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++)
			if (rs.getMetaData().getColumnName(i).equalsIgnoreCase(col))
				return true;
		return false;
	}

	/* Turns a profile's @name placeholders into JDBC ?s and binds by name. */
	static PreparedStatement prepareProfile(Connection c, String sql, Map<String, Object> vals)
	    throws SQLException {
		Matcher m = Pattern.compile("@([A-Za-z_][A-Za-z0-9_]*)").matcher(sql);
		List<String> order = new ArrayList<>();
		StringBuffer sb = new StringBuffer();
		while (m.find()) {
			order.add(m.group(1));
			m.appendReplacement(sb, "?");
		}
		m.appendTail(sb);
		PreparedStatement ps = c.prepareStatement(sb.toString());
		for (int i = 0; i < order.size(); i++) {
			Object v = vals.get(order.get(i));
			if (v instanceof Integer)
				ps.setInt(i + 1, (Integer) v);
			else if (v instanceof Long)
				ps.setLong(i + 1, (Long) v);
			else
				ps.setString(i + 1, (String) v);
		}
		return ps;
	}

	static void checkDocuments(Connection c, String how, String profile, List<String> want)
	    throws Exception {
		Map<String, Object> v = new HashMap<>();
		v.put("customer", p.getProperty("lenovo"));
		v.put("from", p.getProperty("from"));
		v.put("to", p.getProperty("to"));
		v.put("sale", 1);
		v.put("salereturn", 1);
		v.put("receipt", 1);
		v.put("arinc", 0);
		v.put("ardec", 0);
		List<String> got = new ArrayList<>();
		try (PreparedStatement ps = prepareProfile(c, profileSql(profile, "documents_list"), v);
		    ResultSet rs = ps.executeQuery()) {
			while (rs.next())
				got.add(rs.getLong("Vchcode") + "\t" + rs.getString("Date") + "\t"
				    + rs.getInt("VchType") + "\t" + rs.getString("Number") + "\t"
				    + rs.getString("summary") + "\t"
				    + sign(rs.getInt("VchType")) * fen(rs, "Total"));
		}
		is(String.join("\n", got), String.join("\n", want),
		    how + ": profile documents_list equals the oracle (" + want.size() + " documents)");
	}

	public static void main(String[] args) throws Exception {
		try (Reader r = new InputStreamReader(Files.newInputStream(Paths.get(args[0])),
		    StandardCharsets.UTF_8)) {
			p.load(r);
		}
		List<String> docs = new ArrayList<>();
		String opening = null;
		for (String l : Files.readAllLines(Paths.get(args[1]), StandardCharsets.UTF_8)) {
			String[] f = l.split("\t", -1);
			if (f[0].equals("doc"))
				docs.add(String.join("\t", f[1], f[2], f[3], f[4], f[5], f[6]));
			else if (f[0].equals("opening"))
				opening = f[1];
		}
		String profile = args[2];
		Class.forName("net.sourceforge.jtds.jdbc.Driver");

		Connection c;
		try {
			c = connect("", p.getProperty("password"));
			ok(c != null && !c.isClosed(), "connects (TDS 7.1, prepareSQL=3: sp_prepare / sp_execute)", null);
		} catch (SQLException e) {
			ok(false, "connects", e.toString());
			System.out.println("1.." + n);
			System.exit(1);
			return;
		}
		try (Statement st = c.createStatement();
		    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM dbo.Btype")) {
			rs.next();
			is(rs.getInt(1), p.getProperty("btype_count"), "statement: COUNT(*) of Btype equals SQLite");
		} catch (SQLException e) { ok(false, "statement COUNT(*)", e.toString()); }

		try (PreparedStatement ps = c.prepareStatement(
		    "SELECT typeId, FullName, Name, ARTotal FROM dbo.Btype WHERE typeId = ?")) {
			ps.setString(1, p.getProperty("lenovo"));
			try (ResultSet rs = ps.executeQuery()) {
				ok(rs.next(), "prepared statement returns the customer", null);
				is(rs.getString("FullName"), p.getProperty("fullname"),
				    "VARCHAR in CP936 arrives as the right Chinese text");
				is(fen(rs, "ARTotal"), p.getProperty("artotal_fen"), "ARTotal (DECIMAL) to the fen");
			}
			ps.setString(1, "no-such-id");
			try (ResultSet rs = ps.executeQuery()) {
				ok(!rs.next(), "the same prepared statement again, other value: no row", null);
			}
		} catch (SQLException e) { ok(false, "prepared statement", e.toString()); }

		try (PreparedStatement ps = c.prepareStatement(
		    "SELECT typeId FROM dbo.Btype WHERE Name = ? AND FullName LIKE ?")) {
			ps.setString(1, "联想");
			ps.setString(2, "%北京%");
			try (ResultSet rs = ps.executeQuery()) {
				ok(rs.next() && p.getProperty("lenovo").equals(rs.getString(1)),
				    "Chinese NVARCHAR parameters (=, LIKE) find 联想", null);
			}
		} catch (SQLException e) { ok(false, "Chinese NVARCHAR parameters", e.toString()); }

		try {
			Map<String, Object> v = new HashMap<>();
			v.put("customer", p.getProperty("lenovo"));
			v.put("date", p.getProperty("from"));
			try (PreparedStatement ps = prepareProfile(c, profileSql(profile, "balance_opening"), v);
			    ResultSet rs = ps.executeQuery()) {
				/* ARTotal - APTotal, plus the stored totals by type, signed. */
				long sum = 0;
				boolean first = true, byType = hasColumn(rs, "VchType");
				while (rs.next()) {
					if (first)
						sum = fen(rs, "ARTotal") - fen(rs, "APTotal");
					first = false;
					if (byType && rs.getObject("VchType") != null)
						sum += sign(rs.getInt("VchType")) * fen(rs, "Total");
				}
				is(first ? null : sum, opening, "profile balance_opening equals the oracle");
			}
		} catch (SQLException e) { ok(false, "profile balance_opening", e.toString()); }

		try {
			checkDocuments(c, "prepareSQL=3", profile, docs);
		} catch (SQLException e) { ok(false, "prepareSQL=3 documents_list", e.toString()); }

		try (Statement st = c.createStatement()) {
			st.executeQuery("SELECT * FROM dbo.NoSuchTable");
			ok(false, "an unknown table is an error", null);
		} catch (SQLException e) {
			is(e.getErrorCode(), 208, "an unknown table is error 208");
		}
		try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT 41 + 1")) {
			rs.next();
			is(rs.getInt(1), 42, "the connection is usable after an error");
		} catch (SQLException e) { ok(false, "usable after an error", e.toString()); }
		c.close();

		try (Connection c2 = connect(";prepareSQL=2", p.getProperty("password"))) {
			checkDocuments(c2, "prepareSQL=2 (sp_executesql)", profile, docs);
		} catch (SQLException e) { ok(false, "prepareSQL=2", e.toString()); }

		try (Connection c2 = connect(";sendStringParametersAsUnicode=false", p.getProperty("password"));
		    PreparedStatement ps = c2.prepareStatement("SELECT typeId FROM dbo.Btype WHERE Name = ?")) {
			ps.setString(1, "联想");
			try (ResultSet rs = ps.executeQuery()) {
				ok(rs.next() && p.getProperty("lenovo").equals(rs.getString(1)),
				    "Chinese VARCHAR parameter in the server code page (CP936) finds 联想", null);
			}
		} catch (SQLException e) { ok(false, "Chinese VARCHAR parameter", e.toString()); }

		try (Connection c3 = connect("", "wrong-password")) {
			ok(false, "a wrong password is refused", null);
		} catch (SQLException e) {
			is(e.getErrorCode(), 18456, "a wrong password is refused with 18456");
		}

		System.out.println("1.." + n);
		System.exit(failed > 0 ? 1 : 0);
	}
}
